import { OrderCancelled, OrderPlaced, Topics } from '@shopmesh/contracts';
import type { Subscription } from '@shopmesh/platform';
import type { CartService } from '../domain/cart-service';
import type { PromoStore } from '../domain/ports';

/** The events cart consumes. */
export function cartSubscriptions({ carts, promos }: { carts: CartService; promos: PromoStore }): Subscription<any>[] {
  // The order exists, so its claim on the cart stands until the saga completes or releases it; a claim
  // that never hears this lapses (domain/claims.ts). A repeated delivery changes nothing.
  const confirmOnPlaced: Subscription<OrderPlaced> = {
    topic: Topics.orderPlaced,
    schema: OrderPlaced,
    handler: (event) => carts.confirmClaim(event.data.userId, event.data.orderId),
  };
  // A cancelled order (declined card, out of stock, shopper's cancel) gives its promo use back; a
  // repeated delivery finds the redemption gone and changes nothing.
  const releaseOnCancel: Subscription<OrderCancelled> = {
    topic: Topics.orderCancelled,
    schema: OrderCancelled,
    handler: (event) => promos.release(event.data.orderId),
  };
  return [confirmOnPlaced, releaseOnCancel];
}
