import { createHash } from 'node:crypto';
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
  total: Money;
  shippingAddress: Address;
  paymentLast4: string;
  /** Payments' token for the card; the saga authorizes with it. */
  paymentMethod: string;
  createdAt: Date;
}

/** What placing an order needs from the outside world. */
export interface PlaceOrderPorts {
  findByIdempotencyKey(userId: string, key: string): Promise<{ id: string; status: OrderStatus; requestHash: string } | null>;
  readCart(userId: string): Promise<RequestedLine[]>;
  lookupProducts(ids: string[]): Promise<CatalogProduct[]>;
  savedAddress(userId: string, addressId: string): Promise<Address>;
  /** Stores the order (with its order-placed event); false when the idempotency key won a race meanwhile. */
  save(order: NewOrder): Promise<boolean>;
  /** Hands the card to payments (which checks it) for a token; the number goes no further. */
  registerCard(card: PlaceOrderRequest['payment']): Promise<{ token: string; last4: string }>;
  startCheckout(order: NewOrder): Promise<void>;
  /** The cart's promo code, spent on this order at placement (absent: the shop takes no codes). */
  promotions?: PromoClient;
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
 * (and refuses a different request under the same key); otherwise the cart is priced from the catalog,
 * the address resolved, the card exchanged for payments' token, the order stored PENDING and the saga
 * started.
 */
export async function placeOrder(ports: PlaceOrderPorts, userId: string, idempotencyKey: string, request: PlaceOrderRequest): Promise<PlacedOrder> {
  const requestHash = hashRequest(request);
  const existing = await ports.findByIdempotencyKey(userId, idempotencyKey);
  if (existing) return replay(existing, requestHash);

  const requested = await ports.readCart(userId);
  const { lines, total } = priceOrder(requested, requested.length ? await ports.lookupProducts(requested.map((l) => l.productId)) : []);
  const shippingAddress = request.shippingAddress ?? (await ports.savedAddress(userId, request.addressId!));
  const id = ports.newId();
  const card = await ports.registerCard(request.payment);
  // Last before storing: a code another checkout used up meanwhile refuses this one here (409 naming it).
  const promo = await ports.promotions?.redeemPromo({ orderId: id, userId, lines });
  const order: NewOrder = {
    id,
    userId,
    idempotencyKey,
    requestHash,
    lines,
    total: promo ? { amount: total.amount - promo.discount.amount, currency: total.currency } : total,
    shippingAddress,
    paymentLast4: card.last4,
    paymentMethod: card.token,
    createdAt: ports.clock.now(),
  };

  const saved = await ports.save(order).catch(async (err: unknown) => {
    if (promo) await ports.promotions?.releasePromo(id);
    throw err;
  });
  if (!saved) {
    if (promo) await ports.promotions?.releasePromo(id);
    const winner = await ports.findByIdempotencyKey(userId, idempotencyKey);
    if (!winner) throw new DomainError(409, 'idempotency-conflict', 'A concurrent request with this Idempotency-Key failed; retry it');
    return replay(winner, requestHash);
  }
  await ports.startCheckout(order);
  return { id, status: 'PENDING', replayed: false };
}

function replay(existing: { id: string; status: OrderStatus; requestHash: string }, requestHash: string): PlacedOrder {
  if (existing.requestHash !== requestHash) {
    throw new DomainError(422, 'idempotency-key-reused', 'This Idempotency-Key was used for a different order request', [
      { field: 'headers.idempotency-key', message: 'already used for a different request' },
    ]);
  }
  return { id: existing.id, status: existing.status, replayed: true };
}

/** Fingerprint of a request for key reuse checks; the card enters only by its last four digits. */
function hashRequest(request: PlaceOrderRequest): string {
  const { payment, ...rest } = request;
  return createHash('sha256')
    .update(JSON.stringify({ ...rest, card: payment.cardNumber.slice(-4) }))
    .digest('hex');
}
