import { ProductLookupResponse } from '@shopmesh/contracts';
import type { Invoker } from '@shopmesh/platform';
import type { CatalogProduct } from '../domain/pricing';

/** The catalog as orders uses it. */
export interface CatalogClient {
  /** The current seller, name and price of each product that is still sold; unknown ids are left out. */
  priceItems(productIds: string[]): Promise<CatalogProduct[]>;
}

export function catalogClient(invoke: Invoker): CatalogClient {
  return {
    async priceItems(productIds) {
      const products = await invoke.json('catalog', { method: 'POST', path: '/internal/products/lookup', body: { ids: productIds } }, ProductLookupResponse);
      return products.map((p) => ({ id: p.id, sellerId: p.sellerId, name: p.name, price: p.price }));
    },
  };
}
