import Router from '@koa/router';
import { OrderParams, PageQuery, ShipRequest } from '@shopmesh/contracts';
import { parseBody, parseParams, parseQuery, requireRole } from '@shopmesh/platform';
import type { OrderService } from '../domain/order-service';

/** A seller's orders: only their own lines and shipment, found by the order id. */
export function sellerOrdersRouter(orders: OrderService): Router {
  const router = new Router({ prefix: '/seller/orders' });

  router.get('/', async (ctx) => {
    const seller = requireRole(ctx.state.user, 'seller');
    const { page, pageSize } = parseQuery(ctx, PageQuery);
    ctx.body = { ...(await orders.sellerOrders(seller, page, pageSize)), page, pageSize };
  });

  router.get('/:id', async (ctx) => {
    const seller = requireRole(ctx.state.user, 'seller');
    const { id } = parseParams(ctx, OrderParams);
    ctx.body = await orders.sellerOrder(seller, id);
  });

  router.post('/:id/ship', async (ctx) => {
    const seller = requireRole(ctx.state.user, 'seller');
    const { id } = parseParams(ctx, OrderParams);
    ctx.body = await orders.ship(seller, id, parseBody(ctx, ShipRequest));
  });

  router.post('/:id/deliver', async (ctx) => {
    const seller = requireRole(ctx.state.user, 'seller');
    const { id } = parseParams(ctx, OrderParams);
    ctx.body = await orders.deliver(seller, id);
  });

  return router;
}
