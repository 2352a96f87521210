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

/** A promo code as typed: letters, digits, `-` and `_`, compared in upper case. */
export const PromoCodeText = text()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_-]{3,32}$/, 'must be 3 to 32 letters, digits, - or _');

/**
 * The promo code applied to a cart: its discount on the current lines and what the cart costs with it.
 * `problem` says why it gives nothing right now (expired, used up, below its minimum); checkout refuses it then.
 */
export const CartPromo = z.object({ code: text(), discount: Money, total: Money, problem: text().optional() });
export type CartPromo = z.infer<typeof CartPromo>;

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
  /** Present while a promo code is applied (`POST /cart/promo`). */
  promo: CartPromo.optional(),
});
export type Cart = z.infer<typeof Cart>;

/** `POST /cart/promo`: an unknown, expired or inapplicable code is a 4xx naming `body.code`; a used-up one a 409. */
export const ApplyPromoRequest = z.object({ code: text().trim().min(1).max(50) });
export type ApplyPromoRequest = z.infer<typeof ApplyPromoRequest>;

/** How a promo code takes money off: a percentage of the eligible subtotal, or a fixed amount (minor units). */
export const PromoKind = z.enum(['percent', 'fixed']);
export type PromoKind = z.infer<typeof PromoKind>;

/**
 * `POST /seller/promo-codes` (for the seller's own products) and `POST /admin/promo-codes` (the whole
 * cart). `value` is a percentage (1-100) or, for `fixed`, an amount in minor units of `currency`.
 */
export const CreatePromoCodeRequest = z
  .object({
    code: PromoCodeText,
    kind: PromoKind,
    value: z.number().int().min(1),
    currency: text()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
      .optional(),
    minSubtotal: z.number().int().min(0).default(0),
    expiresAt: z.iso.datetime().optional(),
    usageLimit: z.number().int().min(1).max(1_000_000).optional(),
  })
  .superRefine((promo, ctx) => {
    if (promo.kind === 'percent' && promo.value > 100) ctx.addIssue({ code: 'custom', path: ['value'], message: 'a percentage is at most 100' });
    if (promo.kind === 'fixed' && !promo.currency) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'a fixed amount needs its currency' });
  });
export type CreatePromoCodeRequest = z.infer<typeof CreatePromoCodeRequest>;

/** A promo code as its owner sees it; `sellerId` null for the shop's own (admin) codes. */
export const PromoCode = z.object({
  code: text(),
  kind: PromoKind,
  value: z.number().int(),
  currency: text().nullable(),
  minSubtotal: z.number().int(),
  expiresAt: z.iso.datetime().nullable(),
  usageLimit: z.number().int().nullable(),
  usedCount: z.number().int().min(0),
  sellerId: Id.nullable(),
  createdAt: z.iso.datetime(),
});
export type PromoCode = z.infer<typeof PromoCode>;

/** `GET /seller/promo-codes`, `GET /admin/promo-codes` */
export const PromoCodeList = z.object({ items: z.array(PromoCode) });
export type PromoCodeList = z.infer<typeof PromoCodeList>;

/**
 * `POST /internal/promos/redeem` (orders, at placement): spends one use of the promo code on the
 * shopper's cart for this order, priced as orders priced it. Idempotent per order id; a code used up
 * meanwhile is a 409 `promo-exhausted` naming it.
 */
export const RedeemPromoRequest = z.object({
  orderId: Id,
  userId: Id,
  lines: z.array(z.object({ sellerId: Id, lineTotal: Money })).min(1),
});
export type RedeemPromoRequest = z.infer<typeof RedeemPromoRequest>;

/** The redemption: the code and its discount, or nulls when the cart has no promo code. */
export const PromoRedemption = z.object({ code: text().nullable(), discount: Money.nullable() });
export type PromoRedemption = z.infer<typeof PromoRedemption>;

/** `POST /internal/promos/release`: gives back the use an order redeemed (an order that was not stored). */
export const ReleasePromoRequest = z.object({ orderId: Id });
export type ReleasePromoRequest = z.infer<typeof ReleasePromoRequest>;

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
export const CartIdHeader = z.object({ 'x-cart-id': text().optional() });
export type CartIdHeader = z.infer<typeof CartIdHeader>;

/** `POST /cart/merge`: the guest cart to merge is required. */
export const CartMergeHeaders = z.object({ 'x-cart-id': text().min(1) });
export type CartMergeHeaders = z.infer<typeof CartMergeHeaders>;
