import type { ReservationStatus } from '@shopmesh/contracts';
import type { ReservationRow, StockRow } from '../domain/ports';

/** Schema-qualified table names: PGlite shares one session (and search_path) between all services. */
export interface InventoryTables {
  stock: string;
  reservations: string;
  movements: string;
}

export function inventoryTables(schema: string): InventoryTables {
  return { stock: `"${schema}".stock`, reservations: `"${schema}".reservations`, movements: `"${schema}".stock_movements` };
}

/** Column lists and row mappers shared by the inventory's SQL. */
export const STOCK_COLUMNS = 'product_id, seller_id, on_hand, reserved, available, updated_at';
export const RESERVATION_COLUMNS = 'order_id, product_id, quantity, status, expires_at';

export interface StockRecord {
  product_id: string;
  seller_id: string;
  on_hand: number;
  reserved: number;
  available: number;
  updated_at: Date | string;
}

export interface ReservationRecord {
  order_id: string;
  product_id: string;
  quantity: number;
  status: ReservationStatus;
  expires_at: Date | string;
}

export const toStockRow = (r: StockRecord): StockRow => ({
  productId: r.product_id,
  sellerId: r.seller_id,
  onHand: r.on_hand,
  reserved: r.reserved,
  available: r.available,
  updatedAt: new Date(r.updated_at),
});

export const toReservationRow = (r: ReservationRecord): ReservationRow => ({
  orderId: r.order_id,
  productId: r.product_id,
  quantity: r.quantity,
  status: r.status,
  expiresAt: new Date(r.expires_at),
});
