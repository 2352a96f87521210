import Router from '@koa/router';
import { IdempotencyKeyHeader, OrderParams, PageQuery, PlaceOrderRequest } from '@shopmesh/contracts';
import { parseBody, parseHeaders, parseParams, parseQuery, requireUser } from '@shopmesh/platform';
import type { OrderService } from '../domain/order-service';

/** The shopper's order endpoints. */
export function ordersRouter(orders: OrderService): Router {
  const router = new Router();

  router.post('/orders', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const { 'idempotency-key': key } = parseHeaders(ctx, IdempotencyKeyHeader);
    const body = parseBody(ctx, PlaceOrderRequest);
    const placed = await orders.place(user.id, key, body);
    ctx.status = 202;
    ctx.set('location', `/api/v1/orders/${placed.id}`);
    if (placed.replayed) ctx.set('idempotent-replayed', 'true');
    ctx.body = { id: placed.id, status: placed.status };
  });

  router.get('/orders', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const { page, pageSize } = parseQuery(ctx, PageQuery);
    ctx.body = { ...(await orders.list(user.id, page, pageSize)), page, pageSize };
  });

  router.get('/orders/:id', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const { id } = parseParams(ctx, OrderParams);
    ctx.body = await orders.get(user, id);
  });

  router.post('/orders/:id/cancel', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const { id } = parseParams(ctx, OrderParams);
    const status = await orders.cancel(user, id);
    ctx.status = 202;
    ctx.body = { id, status };
  });

  router.post('/orders/:id/payment/approve', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const { id } = parseParams(ctx, OrderParams);
    await orders.approvePayment(user, id);
    ctx.status = 202;
    ctx.body = { id, status: 'PENDING' };
  });

  return router;
}
