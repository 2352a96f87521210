import { defineService } from '@shopmesh/platform';
import { createApp } from './app';
import { CartConfig } from './config';
import { createCartIdSigner, loadCartIdKey } from './domain/cart-id-signer';
import { cartSubscriptions } from './events/subscriptions';

/** The cart service: carts in the state store, no database. */
export const cartService = defineService({
  name: 'cart',
  config: CartConfig,
  async create({ config, runtime, logger, clock, verifier }) {
    const cartIds = createCartIdSigner(await loadCartIdKey(runtime.secrets, runtime.state));
    const { app, carts, promos } = createApp({
      runtime,
      verifier,
      logger,
      clock,
      ttlSeconds: config.CART_TTL_SECONDS,
      currency: config.CART_CURRENCY,
      cartIds,
    });
    return { app, subscriptions: cartSubscriptions({ carts, promos }) };
  },
});
