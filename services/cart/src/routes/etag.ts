import type Koa from 'koa';
import type { Precondition, VersionedCart } from '../domain/cart-service';

/** The versions of an `If-Match` header (`"a", "b"` or `*`), or undefined when it is absent. */
export function readIfMatch(ctx: Koa.Context): Precondition {
  const header = ctx.get('if-match').trim();
  if (!header) return undefined;
  return header.split(',').map((v) => v.trim().replace(/^"(.*)"$/, '$1'));
}

/** Answers the cart with its version as a strong ETag; carts are private and change often. */
export function sendCart(ctx: Koa.Context, { cart, etag }: VersionedCart): void {
  ctx.set('ETag', `"${etag}"`);
  ctx.set('Cache-Control', 'private, no-cache');
  ctx.body = cart;
}
