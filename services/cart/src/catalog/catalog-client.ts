import { ProductLookupResponse } from '@shopmesh/contracts';
import type { Invoker } from '@shopmesh/platform';
import type { ProductCatalog } from '../domain/ports';

/** The catalog by service invocation; `traceparent` keeps the call in the shopper's trace. */
export function createCatalogClient(invoke: Invoker, traceparent?: string): ProductCatalog {
  return {
    lookup: (ids) =>
      invoke.json(
        'catalog',
        { method: 'POST', path: '/internal/products/lookup', headers: traceparent ? { traceparent } : {}, body: { ids } },
        ProductLookupResponse,
      ),
  };
}
