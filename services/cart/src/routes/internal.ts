import Router from '@koa/router';
import { CartClaimParams, CartClaimRequest, CartOwnerParams } from '@shopmesh/contracts';
import { parseBody, parseParams } from '@shopmesh/platform';
import type { CartService } from '../domain/cart-service';
import { sendCart } from './etag';

/** Cart endpoints other services call by invocation (orders claims a cart's lines at checkout, then completes or releases the claim). */
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

  router.post('/:userId/claims', async (ctx) => {
    const { userId } = parseParams(ctx, CartOwnerParams);
    const claim = await carts.claim(userId, parseBody(ctx, CartClaimRequest));
    ctx.status = claim.created ? 201 : 200;
    ctx.body = claim;
  });

  router.post('/:userId/claims/:orderId/complete', async (ctx) => {
    const { userId, orderId } = parseParams(ctx, CartClaimParams);
    await carts.completeClaim(userId, orderId);
    ctx.status = 204;
  });

  router.post('/:userId/claims/:orderId/release', async (ctx) => {
    const { userId, orderId } = parseParams(ctx, CartClaimParams);
    await carts.releaseClaim(userId, orderId);
    ctx.status = 204;
  });

  return router;
}
