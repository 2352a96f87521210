import type { BoughtTogether, OrderCancelled, OrderConfirmed } from '@shopmesh/contracts';
import { notFound } from '@shopmesh/platform';
import type { CatalogDeps } from './ports';
import { toSummary } from './product-views';

/** Remembers which products a confirmed order holds (verified purchases, bought-together). Idempotent. */
export async function orderConfirmed(deps: Pick<CatalogDeps, 'store'>, event: OrderConfirmed, at: Date): Promise<void> {
  const productIds = [...new Set(event.items.map((line) => line.productId))];
  await deps.store.recordConfirmedOrder(
    productIds.map((productId) => ({ orderId: event.orderId, productId, userId: event.userId, confirmedAt: at, cancelledAt: null })),
  );
}

/** A cancelled order no longer verifies a purchase nor counts as bought together. Idempotent. */
export async function orderCancelled(deps: Pick<CatalogDeps, 'store'>, event: OrderCancelled, at: Date): Promise<void> {
  await deps.store.recordCancelledOrder(event.orderId, at);
}

/** "Frequently bought together": listed products sharing the most confirmed orders with this one. */
export async function boughtTogether(deps: CatalogDeps, productId: string, limit: number): Promise<BoughtTogether> {
  const product = await deps.store.product(productId);
  if (!product) throw notFound('Product');
  const items = await deps.store.boughtTogether(productId, limit);
  const stock = items.length ? await deps.inventory.availableIfReachable(items.map((p) => p.id)) : undefined;
  return { items: items.map((p) => toSummary(p, stock)) };
}
