import { z } from 'zod';
import { Id, Money, text } from './common';

/** Most units of one product a cart line may hold. */
export const MAX_CART_LINE_QUANTITY = 99;

/** Most distinct products one cart may hold. */
export const MAX_CART_LINES = 50;

const Quantity = z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_CART_LINE_QUANTITY, `must be at most ${MAX_CART_LINE_QUANTITY}`);

/** A cart line with the price snapshot taken from the catalog when the line was last changed. */
export const CartLine = z.object({
  productId: Id,
  sellerId: Id,
  name: text(),
  quantity: z.number().int().min(1),
  unitPrice: Money,
  lineTotal: Money,
  addedAt: z.iso.datetime(),
});
export type CartLine = z.infer<typeof CartLine>;

/**
 * A shopper's cart. `itemCount` is the sum of the line quantities; `updatedAt` is null for a cart never
 * written. `GET /cart` sends its version as an `ETag` header; writes accept it back as `If-Match`.
 */
export const Cart = z.object({
  userId: Id,
  lines: z.array(CartLine),
  subtotal: Money,
  itemCount: z.number().int().min(0),
  updatedAt: z.iso.datetime().nullable(),
});
export type Cart = z.infer<typeof Cart>;

/**
 * `POST /cart/items`: adds the product or raises the quantity of its line. More than the catalog has
 * available is a 422 `insufficient-stock` naming `body.quantity`; an unknown product a 422
 * `unknown-product` naming `body.productId`.
 */
export const AddCartItemRequest = z.object({ productId: Id, quantity: Quantity });
export type AddCartItemRequest = z.infer<typeof AddCartItemRequest>;

/** `PATCH /cart/items/:productId`: sets the quantity of an existing line (remove it with DELETE). */
export const UpdateCartItemRequest = z.object({ quantity: Quantity });
export type UpdateCartItemRequest = z.infer<typeof UpdateCartItemRequest>;

/** Path params of `/cart/items/:productId`. */
export const CartItemParams = z.object({ productId: Id });
export type CartItemParams = z.infer<typeof CartItemParams>;

/** Path params of `/internal/carts/:userId[...]`. */
export const CartOwnerParams = z.object({ userId: Id });
export type CartOwnerParams = z.infer<typeof CartOwnerParams>;

/**
 * A guest's cart id, signed by the cart service (`<uuid>.<signature>`): sent back in `X-Cart-Id` on every
 * cart answer to a caller without a token, and presented again to reach that cart. One that does not
 * verify gets a new, empty cart.
 */
export const CartIdHeader = z.object({ 'x-cart-id': text().max(200).optional() });
export type CartIdHeader = z.infer<typeof CartIdHeader>;
