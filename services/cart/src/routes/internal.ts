import Router from '@koa/router';
import { CartOwnerParams } from '@shopmesh/contracts';
import { parseParams } from '@shopmesh/platform';
import type { CartService } from '../domain/cart-service';
import { sendCart } from './etag';

/** Cart endpoints other services call by invocation (orders reads a cart and clears it after checkout). */
export function internalCartRouter(carts: CartService): Router {
  const router = new Router({ prefix: '/internal/carts' });

  router.get('/:userId', async (ctx) => {
    const { userId } = parseParams(ctx, CartOwnerParams);
    sendCart(ctx, await carts.get(userId));
  });

  router.post('/:userId/clear', async (ctx) => {
    const { userId } = parseParams(ctx, CartOwnerParams);
    await carts.clear(userId, undefined);
    ctx.status = 204;
  });

  return router;
}
