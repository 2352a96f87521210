import type { Stock } from '@shopmesh/contracts';
import type { Principal } from '@shopmesh/platform';
import type { CatalogDeps } from './ports';
import { ownProduct } from './seller-products';

/**
 * Sets the units on hand of one of the seller's own products. Another seller's product answers 404, so
 * its existence is not confirmed. Inventory refuses (409) to go below what buyers have reserved.
 */
export async function setSellerStock(deps: CatalogDeps, seller: Principal, productId: string, quantity: number): Promise<Stock> {
  const product = await ownProduct(deps, seller, productId);
  const stock = await deps.inventory.setStock(product.id, product.sellerId, quantity);
  await deps.store.markProductChanged(product, deps.clock.now());
  return stock;
}
