import { createHash, scrypt } from 'node:crypto';
import type { Address, Money, OrderLine, OrderStatus, PlaceOrderRequest } from '@shopmesh/contracts';
import { DomainError, type Clock } from '@shopmesh/platform';
import type { PromoClient } from '../clients/promos';
import { priceOrder, type CatalogProduct, type RequestedLine } from './pricing';

/** An order about to be stored. */
export interface NewOrder {
  id: string;
  userId: string;
  idempotencyKey: string;
  requestHash: string;
  lines: OrderLine[];
  /** What is charged: the lines' sum less the discount. */
  total: Money;
  /** The promo code spent on the order and what it took off. */
  discount?: { code: string; amount: Money };
  shippingAddress: Address;
  paymentLast4: string;
  /** Payments' token for the card; the saga authorizes with it. */
  paymentMethod: string;
  createdAt: Date;
}

/** What placing an order needs from the outside world. */
export interface PlaceOrderPorts {
  findByIdempotencyKey(userId: string, key: string): Promise<{ id: string; status: OrderStatus; requestHash: string } | null>;
  /**
   * Takes the cart's unclaimed lines for this order in one conditional write (409 `cart-already-ordered`
   * when another order holds them); the same key answers its earlier claim and that claim's order id.
   */
  claimCart(userId: string, claim: { orderId: string; idempotencyKey: string }): Promise<{ orderId: string; lines: RequestedLine[]; created: boolean }>;
  /** Gives claimed lines back to the cart when the order is not placed after all. */
  releaseCart(userId: string, orderId: string): Promise<void>;
  /**
   * Holds the lines' stock for this order id (inventory's conditional reserve, idempotent per order id);
   * inventory's 409 when one of them is short.
   */
  reserveStock(orderId: string, lines: RequestedLine[]): Promise<void>;
  /** Gives the order's held stock back when the order is not placed after all. */
  releaseStock(orderId: string): Promise<void>;
  /** The cart's promo code, spent on this order at placement (absent: the shop takes no codes). */
  promotions?: PromoClient;
  lookupProducts(ids: string[]): Promise<CatalogProduct[]>;
  savedAddress(userId: string, addressId: string): Promise<Address>;
  /** Stores the order (with its order-placed event); false when the idempotency key won a race meanwhile. */
  save(order: NewOrder): Promise<boolean>;
  /** Hands the card to payments (which checks it) for a token; the number goes no further. */
  registerCard(card: PlaceOrderRequest['payment']): Promise<{ token: string; last4: string }>;
  startCheckout(order: NewOrder): Promise<void>;
  newId(): string;
  clock: Clock;
}

/** Result of {@link placeOrder}; `replayed` when the key had been used already. */
export interface PlacedOrder {
  id: string;
  status: OrderStatus;
  replayed: boolean;
}

/**
 * Places an order from the shopper's cart: a repeated Idempotency-Key answers with the order it made
 * (and refuses a different request under the same key); otherwise the order claims the cart's lines
 * (so a second order of the same cart is a 409), prices them from the catalog, holds their stock (a
 * sold-out line is a 409 `out-of-stock` at once, before an order exists), resolves the address,
 * exchanges the card for payments' token, stores the order PENDING and starts the saga, whose first step
 * finds the stock held. A failure after the claim gives the lines and the stock back.
 */
export async function placeOrder(ports: PlaceOrderPorts, userId: string, idempotencyKey: string, request: PlaceOrderRequest): Promise<PlacedOrder> {
  const requestHash = await hashRequest(request, `${userId}:${idempotencyKey}`);
  const existing = await ports.findByIdempotencyKey(userId, idempotencyKey);
  if (existing) return replay(existing, requestHash);

  const claim = await claimOrReplay(ports, userId, idempotencyKey);
  if ('replayed' in claim) return replay(claim, requestHash);
  const { orderId: id, lines: requested } = claim;
  let saved: boolean;
  let order: NewOrder;
  let reserved = false;
  let redeemed = false;
  try {
    const { lines, total } = priceOrder(requested, await ports.lookupProducts(requested.map((l) => l.productId)));
    // Before the card and the saga: in a flash sale most checkouts lose, and a loser should cost one
    // conditional update, not a saga, and hear so now rather than from a cancelled order later.
    await reserveOrRefuse(ports, id, lines);
    reserved = true;
    const shippingAddress = request.shippingAddress ?? (await ports.savedAddress(userId, request.addressId!));
    const card = await ports.registerCard(request.payment);
    // Last before storing: a code another checkout used up meanwhile refuses this one here (409 naming it).
    // Redeeming is per order id, which a concurrent retry under the same key shares, so it counts once.
    const promo = await ports.promotions?.redeemPromo({ orderId: id, userId, lines });
    if (promo) redeemed = true;
    order = {
      id,
      userId,
      idempotencyKey,
      requestHash,
      lines,
      total: promo ? { amount: total.amount - promo.discount.amount, currency: total.currency } : total,
      ...(promo ? { discount: { code: promo.code, amount: promo.discount } } : {}),
      shippingAddress,
      paymentLast4: card.last4,
      paymentMethod: card.token,
      createdAt: ports.clock.now(),
    };
    saved = await ports.save(order);
  } catch (err) {
    // Only the request that made the claim gives it (and the code's use) back; a concurrent one under the
    // same key leaves them to their owner.
    if (claim.created && redeemed) await ports.promotions?.releasePromo(id).catch(() => undefined);
    if (claim.created && reserved) await ports.releaseStock(id).catch(() => undefined);
    if (claim.created) await ports.releaseCart(userId, id).catch(() => undefined);
    throw err;
  }
  if (!saved) {
    const winner = await ports.findByIdempotencyKey(userId, idempotencyKey);
    if (!winner) throw new DomainError(409, 'idempotency-conflict', 'A concurrent request with this Idempotency-Key failed; retry it');
    return replay(winner, requestHash);
  }
  await ports.startCheckout(order);
  return { id, status: 'PENDING', replayed: false };
}

/** Holds the stock; inventory's shortage becomes the shopper's 409 `out-of-stock`, naming the product. */
async function reserveOrRefuse(ports: PlaceOrderPorts, orderId: string, lines: OrderLine[]): Promise<void> {
  try {
    await ports.reserveStock(
      orderId,
      lines.map(({ productId, quantity }) => ({ productId, quantity })),
    );
  } catch (err) {
    if (!(err instanceof DomainError) || err.status !== 409) throw err;
    // Inventory names the short product by id; the shopper knows it by name.
    const short = lines.filter((l) => err.message.includes(l.productId)).map((l) => l.name);
    throw new DomainError(409, 'out-of-stock', `Not enough stock left for ${short.length ? short.join(', ') : 'an item in your cart'}`);
  }
}

/**
 * Claims the cart; when another order holds it, an order stored meanwhile under this very key (a
 * concurrent retry that finished first) is answered instead of the 409.
 */
async function claimOrReplay(
  ports: PlaceOrderPorts,
  userId: string,
  idempotencyKey: string,
): Promise<{ orderId: string; lines: RequestedLine[]; created: boolean } | { id: string; status: OrderStatus; requestHash: string; replayed: true }> {
  try {
    return await ports.claimCart(userId, { orderId: ports.newId(), idempotencyKey });
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'cart-already-ordered') throw err;
    const winner = await ports.findByIdempotencyKey(userId, idempotencyKey);
    if (!winner) throw err;
    return { ...winner, replayed: true };
  }
}

function replay(existing: { id: string; status: OrderStatus; requestHash: string }, requestHash: string): PlacedOrder {
  if (existing.requestHash !== requestHash) {
    throw new DomainError(422, 'idempotency-key-reused', 'This Idempotency-Key was used for a different order request', [
      { field: 'headers.idempotency-key', message: 'already used for a different request' },
    ]);
  }
  return { id: existing.id, status: existing.status, replayed: true };
}

/**
 * Fingerprint of a request for key reuse checks: the whole request (address or address id, card number,
 * expiry and CVC), so a key replayed with another card whose last four digits match is refused. The card
 * enters through a salted, deliberately slow hash (scrypt, salted with user and key), because the
 * fingerprint is stored and a fast hash of a card number is undone by trying every number.
 */
async function hashRequest(request: PlaceOrderRequest, salt: string): Promise<string> {
  const { payment, ...rest } = request;
  const cardDigest = await new Promise<string>((resolve, reject) =>
    scrypt(canonicalJson(payment), salt, 32, { N: 2 ** 11 }, (err, key) => (err ? reject(err) : resolve(key.toString('hex')))),
  );
  return createHash('sha256')
    .update(canonicalJson({ ...rest, card: cardDigest }))
    .digest('hex');
}

/** JSON with object keys sorted at every depth, so the same request in another key order hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
