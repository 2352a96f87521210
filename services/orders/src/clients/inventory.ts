import { Reservation, type ReservationRequest } from '@shopmesh/contracts';
import { retryTransient, type Invoker } from '@shopmesh/platform';

/** Inventory as the checkout saga uses it; every call is idempotent per order id. */
export interface InventoryClient {
  /** Reserves the order's items; a 409 when one of them is short. */
  reserve(request: ReservationRequest): Promise<Reservation>;
  release(orderId: string): Promise<Reservation>;
  commit(orderId: string): Promise<Reservation>;
  /** Puts the order's stock back, reserved or already committed (a shopper's cancel). */
  restock(orderId: string): Promise<Reservation>;
}

export function inventoryClient(invoke: Invoker): InventoryClient {
  const post = (path: string, body?: unknown) =>
    retryTransient(() => invoke.json('inventory', { method: 'POST', path, ...(body !== undefined ? { body } : {}) }, Reservation));
  return {
    reserve: (request) => post('/internal/reservations', request),
    release: (orderId) => post(`/internal/reservations/${orderId}/release`),
    commit: (orderId) => post(`/internal/reservations/${orderId}/commit`),
    restock: (orderId) => post(`/internal/reservations/${orderId}/restock`),
  };
}
