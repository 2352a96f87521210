import { DomainError, conflict } from '@shopmesh/platform';
import type { StoredCart, StoredClaim } from './ports';

type Quantities = { productId: string; quantity: number }[];

/**
 * How long a claim stands without its order: placing an order is one request, which the gateway gives
 * up on within seconds, so a claim whose `orders.order-placed` has not come after this was left by a
 * placement that died between taking the cart and storing the order (a crashed or killed orders
 * process). Its lines are the shopper's again. The margin covers an event stuck behind a broker outage.
 */
export const ORPHANED_CLAIM_MS = 15 * 60_000;

/** The claims that still hold lines: those with an order, and those young enough to be getting one. */
export function standingClaims(cart: StoredCart | undefined, now: Date): StoredClaim[] {
  return (cart?.claims ?? []).filter((c) => c.placed || now.getTime() - Date.parse(c.claimedAt) < ORPHANED_CLAIM_MS);
}

function claimedQuantities(cart: StoredCart, now: Date): Map<string, number> {
  const claimed = new Map<string, number>();
  for (const claim of standingClaims(cart, now)) {
    for (const line of claim.lines) claimed.set(line.productId, (claimed.get(line.productId) ?? 0) + line.quantity);
  }
  return claimed;
}

/** What of the cart no order has taken yet: each line less what pending orders claimed of it. */
export function unclaimedLines(cart: StoredCart | undefined, now: Date): Quantities {
  if (!cart) return [];
  const claimed = claimedQuantities(cart, now);
  return cart.lines
    .map((line) => ({ productId: line.productId, quantity: line.quantity - (claimed.get(line.productId) ?? 0) }))
    .filter((line) => line.quantity > 0);
}

/** The standing claim an idempotency key made before, if any. */
export const claimOfKey = (cart: StoredCart | undefined, idempotencyKey: string, now: Date): StoredClaim | undefined =>
  standingClaims(cart, now).find((c) => c.idempotencyKey === idempotencyKey);

/**
 * Takes every unclaimed line for one order at the cart's `version`. Nothing left while other orders
 * hold the lines, or after one took them, is the 409 a second checkout of the same cart gets; a cart
 * that was never ordered and has nothing in it is a 422.
 */
export function claimCart(cart: StoredCart | undefined, request: { orderId: string; idempotencyKey: string; version: string }, now: Date): StoredCart {
  const lines = unclaimedLines(cart, now);
  const standing = standingClaims(cart, now);
  if (!cart || lines.length === 0) {
    if (standing.length || cart?.lastOrderId) throw conflict('cart-already-ordered', 'Everything in this cart has been ordered already');
    throw new DomainError(422, 'cart-empty', 'The cart is empty');
  }
  const claim: StoredClaim = { ...request, lines, claimedAt: now.toISOString() };
  return { ...cart, claims: [...standing, claim] };
}

/** The order of a claim was stored (its order-placed event came): the claim stands until its saga settles it. */
export function confirmClaim(cart: StoredCart, orderId: string): StoredCart {
  if (!cart.claims?.some((c) => c.orderId === orderId && !c.placed)) return cart;
  return { ...cart, claims: cart.claims.map((c) => (c.orderId === orderId ? { ...c, placed: true } : c)) };
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
