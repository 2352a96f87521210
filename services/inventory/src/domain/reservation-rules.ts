import type { Reservation, ReservationLine, ReservationStatus } from '@shopmesh/contracts';
import { DomainError, conflict, notFound } from '@shopmesh/platform';
import type { ReservationRow } from './ports';

/**
 * Adds up lines naming the same product and sorts them by product id, so concurrent reservations lock
 * stock rows in one order and cannot deadlock.
 */
export function mergeLines(lines: ReservationLine[]): ReservationLine[] {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.productId, (totals.get(line.productId) ?? 0) + line.quantity);
  return [...totals.entries()]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

export function expiryOf(now: Date, ttlSeconds: number): Date {
  return new Date(now.getTime() + ttlSeconds * 1000);
}

/** The 409 a reservation fails with when a line cannot be covered; names the product. */
export function insufficientStock(productId: string, requested: number, available: number): DomainError {
  return new DomainError(409, 'insufficient-stock', `Insufficient stock for product ${productId}: requested ${requested}, available ${available}`, [
    { field: 'body.items', message: `product ${productId}: only ${available} available` },
  ]);
}

/** Every line of an order shares one status; undefined when the order reserved nothing. */
export function statusOf(rows: ReservationRow[]): ReservationStatus | undefined {
  return rows[0]?.status;
}

/** Release is idempotent and safe for an order that reserved nothing; stock already sold cannot return. */
export function decideRelease(status: ReservationStatus | undefined): 'release' | 'noop' {
  if (status === 'committed') throw conflict('reservation-committed', 'The reservation is already committed');
  return status === 'reserved' ? 'release' : 'noop';
}

/** Commit is idempotent; a released (or returned) reservation no longer holds the stock it would sell. */
export function decideCommit(status: ReservationStatus | undefined): 'commit' | 'noop' {
  if (status === undefined) throw notFound('Reservation');
  if (status === 'released' || status === 'returned') throw conflict('reservation-released', 'The reservation was released and can no longer be committed');
  return status === 'reserved' ? 'commit' : 'noop';
}

/**
 * Restock of a cancelled order, idempotent: reserved units are released, committed (sold) units come
 * back on hand; a reservation already released or returned, or none at all, is a no-op.
 */
export function decideRestock(status: ReservationStatus | undefined): 'release' | 'return' | 'noop' {
  if (status === 'reserved') return 'release';
  if (status === 'committed') return 'return';
  return 'noop';
}

/** The sweeper releases a reservation only while it still holds stock past its expiry. */
export function isExpired(rows: ReservationRow[], now: Date): boolean {
  const first = rows[0];
  return first !== undefined && first.status === 'reserved' && first.expiresAt.getTime() <= now.getTime();
}

export function toReservation(orderId: string, rows: ReservationRow[], status: ReservationStatus): Reservation {
  return {
    orderId,
    status,
    items: rows.map((r) => ({ productId: r.productId, quantity: r.quantity })),
    expiresAt: rows[0] ? rows[0].expiresAt.toISOString() : null,
  };
}
