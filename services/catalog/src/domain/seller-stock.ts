import type { Stock } from '@shopmesh/contracts';
import { isOwnerOrAdmin, notFound, type Principal } from '@shopmesh/platform';
import type { CatalogDeps } from './ports';

/**
 * Sets the units on hand of one of the seller's own products. Another seller's product answers 404, so
 * its existence is not confirmed. Inventory refuses (409) to go below what buyers have reserved.
 */
export async function setSellerStock(deps: CatalogDeps, seller: Principal, productId: string, quantity: number): Promise<Stock> {
  const product = await deps.store.product(productId);
  if (!product || !isOwnerOrAdmin(seller, product.sellerId)) throw notFound('Product');
  const stock = await deps.inventory.setStock(product.id, product.sellerId, quantity);
  await deps.store.markProductChanged(product, deps.clock.now());
  return stock;
}
