import type { Reservation, ReservationRequest } from '@shopmesh/contracts';
import { notFound } from '@shopmesh/platform';
import type { InventoryDeps, InventoryTx, MovementKind, ReservationRow } from './ports';
import { decideCommit, decideRelease, decideRestock, expiryOf, insufficientStock, isExpired, mergeLines, statusOf, toReservation } from './reservation-rules';
import { crossesLowStock } from './stock-rules';

/** Thrown inside the reserve transaction to roll back a repeat of an order id that already reserved. */
class AlreadyReserved extends Error {}

/** What {@link reserve} answers: the reservation and whether this call made it. */
export interface ReserveOutcome {
  reservation: Reservation;
  created: boolean;
}

/**
 * Reserves every line or none in one transaction. Each line is one conditional update, so stock is
 * never oversold however many orders race; a repeat of the order id returns what it reserved before.
 */
export async function reserve(deps: InventoryDeps, request: ReservationRequest): Promise<ReserveOutcome> {
  const lines = mergeLines(request.items);
  const now = deps.clock.now();
  const expiresAt = expiryOf(now, request.ttlSeconds ?? deps.settings.reservationTtlSeconds);
  const threshold = deps.settings.lowStockThreshold;
  try {
    await deps.store.transaction(async (tx) => {
      const inserted = await tx.insertReservation(request.orderId, lines, expiresAt, now);
      if (inserted < lines.length) throw new AlreadyReserved();
      for (const { productId, quantity } of lines) {
        const after = await tx.reserveUnits(productId, quantity, now);
        if (!after) throw insufficientStock(productId, quantity, await tx.availableOf(productId));
        await tx.recordMovement({ productId, orderId: request.orderId, kind: 'reserve', onHandDelta: 0, reservedDelta: quantity, after });
        if (crossesLowStock(after.available + quantity, after.available, threshold)) {
          tx.recordStockLow({ productId, available: after.available, threshold });
        }
      }
    });
  } catch (err) {
    if (!(err instanceof AlreadyReserved)) throw err;
    return { reservation: await getReservation(deps, request.orderId), created: false };
  }
  return { reservation: { orderId: request.orderId, status: 'reserved', items: lines, expiresAt: expiresAt.toISOString() }, created: true };
}

export async function getReservation(deps: InventoryDeps, orderId: string): Promise<Reservation> {
  const rows = await deps.store.reservation(orderId);
  const status = statusOf(rows);
  if (!status) throw notFound('Reservation');
  return toReservation(orderId, rows, status);
}

async function returnToStock(tx: InventoryTx, rows: ReservationRow[], kind: MovementKind, now: Date): Promise<void> {
  for (const row of rows) {
    const after = await tx.releaseUnits(row.productId, row.quantity, now);
    await tx.recordMovement({ productId: row.productId, orderId: row.orderId, kind, onHandDelta: 0, reservedDelta: -row.quantity, after });
  }
}

/** Gives the order's reserved units back; a no-op when already released or nothing was reserved. */
export async function release(deps: InventoryDeps, orderId: string): Promise<Reservation> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const rows = await tx.lockReservation(orderId);
    if (decideRelease(statusOf(rows)) === 'release') {
      await returnToStock(tx, rows, 'release', now);
      await tx.setReservationStatus(orderId, 'released', now);
    }
    return toReservation(orderId, rows, 'released');
  });
}

/** Turns the order's reservation into a sale: the units leave stock. Idempotent. */
export async function commit(deps: InventoryDeps, orderId: string): Promise<Reservation> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const rows = await tx.lockReservation(orderId);
    if (decideCommit(statusOf(rows)) === 'commit') {
      for (const row of rows) {
        const after = await tx.commitUnits(row.productId, row.quantity, now);
        await tx.recordMovement({ productId: row.productId, orderId, kind: 'commit', onHandDelta: -row.quantity, reservedDelta: -row.quantity, after });
      }
      await tx.setReservationStatus(orderId, 'committed', now);
    }
    return toReservation(orderId, rows, 'committed');
  });
}

/** Puts a cancelled order's stock back, whether still reserved or already sold. Idempotent. */
export async function restock(deps: InventoryDeps, orderId: string): Promise<Reservation> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const rows = await tx.lockReservation(orderId);
    const decision = decideRestock(statusOf(rows));
    if (decision === 'release') {
      await returnToStock(tx, rows, 'release', now);
      await tx.setReservationStatus(orderId, 'released', now);
      return toReservation(orderId, rows, 'released');
    }
    if (decision === 'return') {
      for (const row of rows) {
        const after = await tx.returnUnits(row.productId, row.quantity, now);
        await tx.recordMovement({ productId: row.productId, orderId, kind: 'return', onHandDelta: row.quantity, reservedDelta: 0, after });
      }
      await tx.setReservationStatus(orderId, 'returned', now);
      return toReservation(orderId, rows, 'returned');
    }
    return toReservation(orderId, rows, statusOf(rows) ?? 'released');
  });
}

/** Releases up to `limit` reservations whose time ran out; answers how many orders it released. */
export async function releaseExpired(deps: InventoryDeps, limit: number): Promise<number> {
  const now = deps.clock.now();
  let released = 0;
  for (const orderId of await deps.store.expiredOrderIds(now, limit)) {
    const done = await deps.store.transaction(async (tx) => {
      const rows = await tx.lockReservation(orderId);
      // Re-checked under the lock: a commit may have won the race since the ids were listed.
      if (!isExpired(rows, now)) return false;
      await returnToStock(tx, rows, 'expire', now);
      await tx.setReservationStatus(orderId, 'released', now);
      return true;
    });
    if (done) released += 1;
  }
  return released;
}
