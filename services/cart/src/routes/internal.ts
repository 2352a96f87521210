import Router from '@koa/router';
import { CartOwnerParams } from '@shopmesh/contracts';
import { parseParams } from '@shopmesh/platform';
import type { CartsFor } from './cart';
import { sendCart } from './etag';

/** Cart endpoints other services call by invocation (orders reads a cart and clears it after checkout). */
export function internalCartRouter(cartsFor: CartsFor): Router {
  const router = new Router({ prefix: '/internal/carts' });

  router.get('/:userId', async (ctx) => {
    const { userId } = parseParams(ctx, CartOwnerParams);
    sendCart(ctx, await cartsFor(ctx.state.traceparent).get(userId));
  });

  router.post('/:userId/clear', async (ctx) => {
    const { userId } = parseParams(ctx, CartOwnerParams);
    await cartsFor(ctx.state.traceparent).clear(userId, undefined);
    ctx.status = 204;
  });

  return router;
}
