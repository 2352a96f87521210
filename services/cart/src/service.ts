import { z } from 'zod';
import { OrderCancelled, Topics } from '@shopmesh/contracts';
import { defineService, env, type Subscription } from '@shopmesh/platform';
import { createApp } from './app';
import { createCartIdSigner, loadCartIdKey } from './guest/cart-id-signer';
import { createStatePromoStore } from './store/state-promo-store';

const THIRTY_DAYS = 30 * 24 * 60 * 60;

/** The cart service: carts in the state store, no database. */
export const cartService = defineService({
  name: 'cart',
  config: z.object({
    CART_TTL_SECONDS: env.int(THIRTY_DAYS).pipe(z.number().min(60)),
    CART_CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('USD'),
  }),
  async create({ config, runtime, logger, clock, verifier }) {
    const cartIds = createCartIdSigner(await loadCartIdKey(runtime.secrets, runtime.state));
    const app = createApp({ runtime, verifier, logger, clock, ttlSeconds: config.CART_TTL_SECONDS, currency: config.CART_CURRENCY, cartIds });
    const promos = createStatePromoStore(runtime.state);
    // A cancelled order (declined card, out of stock, shopper's cancel) gives its promo use back; a
    // repeated delivery finds the redemption gone and changes nothing.
    const releaseOnCancel: Subscription<OrderCancelled> = {
      topic: Topics.orderCancelled,
      schema: OrderCancelled,
      handler: (event) => promos.release(event.data.orderId),
    };
    return { app, subscriptions: [releaseOnCancel] };
  },
});
