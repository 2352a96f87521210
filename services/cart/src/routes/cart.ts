import Router from '@koa/router';
import { AddCartItemRequest, ApplyPromoRequest, CartItemParams, UpdateCartItemRequest } from '@shopmesh/contracts';
import { parseBody, parseParams } from '@shopmesh/platform';
import type { CartService } from '../domain/cart-service';
import type { CartIdSigner } from '../domain/cart-id-signer';
import { cartOwner, guestCartToMerge } from './cart-owner';
import { readIfMatch, sendCart } from './etag';

/**
 * The caller's own cart: a signed-in user's, or a guest's named by its signed id (X-Cart-Id). Nobody
 * reaches another's cart: a user id comes only from the verified token, a guest id only from a valid signature.
 */
export function cartRouter(carts: CartService, signer: CartIdSigner): Router {
  const router = new Router();

  router.get('/cart', async (ctx) => {
    const owner = cartOwner(ctx, signer);
    sendCart(ctx, await carts.get(owner));
  });

  router.delete('/cart', async (ctx) => {
    const owner = cartOwner(ctx, signer);
    const { etag } = await carts.clear(owner, readIfMatch(ctx));
    ctx.set('ETag', `"${etag}"`);
    ctx.status = 204;
  });

  router.post('/cart/items', async (ctx) => {
    const owner = cartOwner(ctx, signer);
    const body = parseBody(ctx, AddCartItemRequest);
    sendCart(ctx, await carts.add(owner, body, readIfMatch(ctx)));
  });

  router.patch('/cart/items/:productId', async (ctx) => {
    const owner = cartOwner(ctx, signer);
    const { productId } = parseParams(ctx, CartItemParams);
    const { quantity } = parseBody(ctx, UpdateCartItemRequest);
    sendCart(ctx, await carts.setQuantity(owner, productId, quantity, readIfMatch(ctx)));
  });

  router.delete('/cart/items/:productId', async (ctx) => {
    const owner = cartOwner(ctx, signer);
    const { productId } = parseParams(ctx, CartItemParams);
    sendCart(ctx, await carts.remove(owner, productId, readIfMatch(ctx)));
  });

  router.post('/cart/promo', async (ctx) => {
    const owner = cartOwner(ctx, signer);
    const { code } = parseBody(ctx, ApplyPromoRequest);
    sendCart(ctx, await carts.applyPromo(owner, code, readIfMatch(ctx)));
  });

  router.delete('/cart/promo', async (ctx) => {
    const owner = cartOwner(ctx, signer);
    sendCart(ctx, await carts.removePromo(owner, readIfMatch(ctx)));
  });

  router.post('/cart/merge', async (ctx) => {
    const { userId, guest } = guestCartToMerge(ctx, signer);
    sendCart(ctx, guest ? await carts.merge(userId, guest) : await carts.get(userId));
  });

  return router;
}
