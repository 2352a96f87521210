import type Koa from 'koa';
import { invalidField, requireUser } from '@shopmesh/platform';
import { guestOwner } from '../domain/cart-service';
import type { CartIdSigner } from '../domain/cart-id-signer';

/** The header a guest's signed cart id travels in, both ways. */
export const CART_ID_HEADER = 'x-cart-id';

/**
 * Whose cart a request works on: a signed-in user's own, or a guest's, named by the signed id in
 * `X-Cart-Id`. A guest without a valid id (none, or one whose signature does not match) gets a new,
 * empty cart and its id in the answer: an edited id never opens another cart.
 */
export function cartOwner(ctx: Koa.Context, signer: CartIdSigner): string {
  const user = ctx.state.user;
  if (user) return user.id;
  const presented = ctx.get(CART_ID_HEADER);
  const verified = presented ? signer.verify(presented) : undefined;
  if (verified) {
    ctx.set(CART_ID_HEADER, presented.trim());
    return guestOwner(verified);
  }
  const fresh = signer.issue();
  ctx.set(CART_ID_HEADER, fresh.signed);
  return guestOwner(fresh.id);
}

/** The guest cart a signed-in user brings to `POST /cart/merge`; a missing header is a 400, a forged one merges nothing. */
export function guestCartToMerge(ctx: Koa.Context, signer: CartIdSigner): { userId: string; guest: string | undefined } {
  const user = requireUser(ctx.state.user);
  const presented = ctx.get(CART_ID_HEADER);
  if (!presented) throw invalidField(`headers.${CART_ID_HEADER}`, 'name the guest cart to merge');
  const verified = signer.verify(presented);
  return { userId: user.id, guest: verified && guestOwner(verified) };
}
