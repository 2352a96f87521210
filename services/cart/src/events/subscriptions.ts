import { OrderCancelled, Topics } from '@shopmesh/contracts';
import type { Subscription } from '@shopmesh/platform';
import type { PromoStore } from '../domain/ports';

/** The events cart consumes. */
export function cartSubscriptions(promos: PromoStore): Subscription<any>[] {
  // A cancelled order (declined card, out of stock, shopper's cancel) gives its promo use back; a
  // repeated delivery finds the redemption gone and changes nothing.
  const releaseOnCancel: Subscription<OrderCancelled> = {
    topic: Topics.orderCancelled,
    schema: OrderCancelled,
    handler: (event) => promos.release(event.data.orderId),
  };
  return [releaseOnCancel];
}
