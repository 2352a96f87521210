import { z } from 'zod';
import { Id, text } from './common';

/**
 * `POST /internal/carts/:userId/claims`: orders takes the cart for one order. The cart service claims
 * every line not yet claimed by another order, at the cart's current version, in one conditional
 * write. The same `idempotencyKey` answers the claim it made before (with that claim's `orderId`), so
 * concurrent requests under one key end as one order. Nothing left to claim while another order holds
 * the lines, or after the last order took them, is a 409 `cart-already-ordered`; a cart with nothing
 * in it since the shopper last changed it a 422 `cart-empty`.
 */
export const CartClaimRequest = z.object({ orderId: Id, idempotencyKey: text().min(1).max(200) });
export type CartClaimRequest = z.infer<typeof CartClaimRequest>;

/** One product and quantity an order took from the cart. */
export const ClaimedLine = z.object({ productId: Id, quantity: z.number().int().min(1) });
export type ClaimedLine = z.infer<typeof ClaimedLine>;

/** A claim on a cart: the lines one order took, and the cart version (ETag) it took them at. */
export const CartClaim = z.object({
  orderId: Id,
  version: text(),
  lines: z.array(ClaimedLine).min(1),
  /** False when the idempotency key had claimed before and this answers that claim. */
  created: z.boolean(),
});
export type CartClaim = z.infer<typeof CartClaim>;

/**
 * Path params of `/internal/carts/:userId/claims/:orderId/{complete|release}`: `complete` removes the
 * claimed quantities from the cart (lines added since stay), `release` gives the lines back to the cart
 * (the order was cancelled). Both are idempotent; an unknown claim is a no-op.
 */
export const CartClaimParams = z.object({ userId: Id, orderId: Id });
export type CartClaimParams = z.infer<typeof CartClaimParams>;
