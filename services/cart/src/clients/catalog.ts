import { ProductLookupResponse } from '@shopmesh/contracts';
import type { Invoker } from '@shopmesh/platform';
import type { ProductCatalog } from '../domain/ports';

/** The catalog by service invocation (in the ambient request's trace). */
export function createCatalogClient(invoke: Invoker): ProductCatalog {
  return {
    lookup: (ids) => invoke.json('catalog', { method: 'POST', path: '/internal/products/lookup', body: { ids } }, ProductLookupResponse),
  };
}
