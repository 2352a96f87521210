import { authenticate, createServiceApp, type Clock, type Logger, type Runtime, type ServiceApp, type TokenVerifier } from '@shopmesh/platform';
import { createCatalogClient } from './clients/catalog';
import { createCartService, type CartService } from './domain/cart-service';
import type { PromoStore } from './domain/ports';
import { createPromoService } from './domain/promo-service';
import type { CartIdSigner } from './domain/cart-id-signer';
import { cartRouter } from './routes/cart';
import { internalCartRouter } from './routes/internal';
import { promoRouter } from './routes/promos';
import { createStateCartStore } from './db/cart-store';
import { createStatePromoStore } from './db/promo-store';

export interface CartAppDeps {
  runtime: Runtime;
  verifier: TokenVerifier;
  logger: Logger;
  clock: Clock;
  /** Seconds a cart lives after its last change. */
  ttlSeconds: number;
  /** Currency of an empty cart's subtotal. */
  currency: string;
  /** Signs and checks guest cart ids. */
  cartIds: CartIdSigner;
}

/** The cart service's HTTP app, and the use cases its event handlers share with it. */
export function createApp(deps: CartAppDeps): { app: ServiceApp; carts: CartService; promos: PromoStore } {
  const store = createStateCartStore(deps.runtime.state, deps.ttlSeconds);
  const promos = createStatePromoStore(deps.runtime.state);
  const carts = createCartService({ store, promos, catalog: createCatalogClient(deps.runtime.invoke), clock: deps.clock, currency: deps.currency });
  const app = createServiceApp({
    name: 'cart',
    logger: deps.logger,
    middleware: [authenticate(deps.verifier)],
    routers: [cartRouter(carts, deps.cartIds), internalCartRouter(carts), promoRouter(createPromoService({ promos, carts: store, clock: deps.clock }))],
  });
  return { app, carts, promos };
}
