import { authenticate, createServiceApp, type Logger, type ServiceApp, type TokenVerifier } from '@shopmesh/platform';
import type { OrderService } from './domain/order-service';
import { ordersRouter } from './routes/orders';
import { sellerOrdersRouter } from './routes/seller-orders';

/** Builds the orders HTTP app from its dependencies; never listens. */
export function createApp(deps: { orders: OrderService; verifier: TokenVerifier; logger: Logger; ready: () => Promise<boolean> }): ServiceApp {
  return createServiceApp({
    name: 'orders',
    logger: deps.logger,
    middleware: [authenticate(deps.verifier)],
    routers: [ordersRouter(deps.orders), sellerOrdersRouter(deps.orders)],
    ready: deps.ready,
  });
}
