import Router from '@koa/router';
import { AddCartItemRequest, CartItemParams, UpdateCartItemRequest } from '@shopmesh/contracts';
import { parseBody, parseParams, requireUser } from '@shopmesh/platform';
import type { CartService } from '../domain/cart-service';
import { readIfMatch, sendCart } from './etag';

/** The shopper's own cart; every route needs a signed-in user and works on that user's cart only. */
export function cartRouter(carts: CartService): Router {
  const router = new Router();

  router.get('/cart', async (ctx) => {
    const user = requireUser(ctx.state.user);
    sendCart(ctx, await carts.get(user.id));
  });

  router.delete('/cart', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const { etag } = await carts.clear(user.id, readIfMatch(ctx));
    ctx.set('ETag', `"${etag}"`);
    ctx.status = 204;
  });

  router.post('/cart/items', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const body = parseBody(ctx, AddCartItemRequest);
    sendCart(ctx, await carts.add(user.id, body, readIfMatch(ctx)));
  });

  router.patch('/cart/items/:productId', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const { productId } = parseParams(ctx, CartItemParams);
    const { quantity } = parseBody(ctx, UpdateCartItemRequest);
    sendCart(ctx, await carts.setQuantity(user.id, productId, quantity, readIfMatch(ctx)));
  });

  router.delete('/cart/items/:productId', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const { productId } = parseParams(ctx, CartItemParams);
    sendCart(ctx, await carts.remove(user.id, productId, readIfMatch(ctx)));
  });

  return router;
}
