import { DomainError, conflict } from '@shopmesh/platform';
import type { StoredCart, StoredClaim } from './ports';

type Quantities = { productId: string; quantity: number }[];

function claimedQuantities(cart: StoredCart): Map<string, number> {
  const claimed = new Map<string, number>();
  for (const claim of cart.claims ?? []) {
    for (const line of claim.lines) claimed.set(line.productId, (claimed.get(line.productId) ?? 0) + line.quantity);
  }
  return claimed;
}

/** What of the cart no order has taken yet: each line less what pending orders claimed of it. */
export function unclaimedLines(cart: StoredCart | undefined): Quantities {
  if (!cart) return [];
  const claimed = claimedQuantities(cart);
  return cart.lines
    .map((line) => ({ productId: line.productId, quantity: line.quantity - (claimed.get(line.productId) ?? 0) }))
    .filter((line) => line.quantity > 0);
}

/** The claim an idempotency key made before, if any. */
export const claimOfKey = (cart: StoredCart | undefined, idempotencyKey: string): StoredClaim | undefined =>
  cart?.claims?.find((c) => c.idempotencyKey === idempotencyKey);

/**
 * Takes every unclaimed line for one order at the cart's `version`. Nothing left while other orders
 * hold the lines, or after one took them, is the 409 a second checkout of the same cart gets; a cart
 * that was never ordered and has nothing in it is a 422.
 */
export function claimCart(cart: StoredCart | undefined, request: { orderId: string; idempotencyKey: string; version: string }, now: Date): StoredCart {
  const lines = unclaimedLines(cart);
  if (!cart || lines.length === 0) {
    if (cart?.claims?.length || cart?.lastOrderId) throw conflict('cart-already-ordered', 'Everything in this cart has been ordered already');
    throw new DomainError(422, 'cart-empty', 'The cart is empty');
  }
  const claim: StoredClaim = { ...request, lines, claimedAt: now.toISOString() };
  return { ...cart, claims: [...(cart.claims ?? []), claim] };
}

const withoutClaim = (cart: StoredCart, orderId: string): StoredClaim[] | undefined => {
  const rest = (cart.claims ?? []).filter((c) => c.orderId !== orderId);
  return rest.length ? rest : undefined;
};

/**
 * The order went through: its claimed quantities leave the cart and the claim is dropped. A line the
 * shopper added (or raised) since the claim keeps what was added.
 */
export function completeClaim(cart: StoredCart, orderId: string, now: Date): StoredCart {
  const claim = cart.claims?.find((c) => c.orderId === orderId);
  if (!claim) return cart;
  const ordered = new Map(claim.lines.map((l) => [l.productId, l.quantity]));
  const lines = cart.lines.map((line) => ({ ...line, quantity: line.quantity - (ordered.get(line.productId) ?? 0) })).filter((line) => line.quantity > 0);
  const { claims: _dropped, ...rest } = cart;
  const claims = withoutClaim(cart, orderId);
  return { ...rest, lines, updatedAt: now.toISOString(), lastOrderId: orderId, ...(claims ? { claims } : {}) };
}

/** The order was cancelled: its lines are the shopper's to order again. */
export function releaseClaim(cart: StoredCart, orderId: string): StoredCart {
  if (!cart.claims?.some((c) => c.orderId === orderId)) return cart;
  const { claims: _dropped, ...rest } = cart;
  const claims = withoutClaim(cart, orderId);
  return { ...rest, ...(claims ? { claims } : {}) };
}
