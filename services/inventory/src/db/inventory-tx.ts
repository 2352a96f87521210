import { Topics, type ReservationLine, type ReservationStatus, type StockLow } from '@shopmesh/contracts';
import { recordEvent } from '@shopmesh/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InventoryTx, Movement, ReservationRow, StockRow } from '../domain/ports';
import { RESERVATION_COLUMNS, STOCK_COLUMNS, toReservationRow, toStockRow, type InventoryTables, type ReservationRecord, type StockRecord } from './rows';

/** The inventory's SQL inside one transaction; counts the events it queued so the relay can be nudged. */
export class SqlInventoryTx implements InventoryTx {
  events = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly t: InventoryTables,
  ) {}

  private rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.em.execute<T[]>(sql, params, 'all');
  }

  private async oneStock(sql: string, params: unknown[]): Promise<StockRow> {
    const [row] = await this.rows<StockRecord>(sql, params);
    if (!row) throw new Error('stock row missing');
    return toStockRow(row);
  }

  async ensureStock(productId: string, sellerId: string, now: Date): Promise<boolean> {
    const inserted = await this.rows(
      `insert into ${this.t.stock} (product_id, seller_id, on_hand, reserved, updated_at) values (?, ?, 0, 0, ?) on conflict do nothing returning product_id`,
      [productId, sellerId, now],
    );
    return inserted.length > 0;
  }

  async lockStock(productId: string): Promise<StockRow | undefined> {
    const [row] = await this.rows<StockRecord>(`select ${STOCK_COLUMNS} from ${this.t.stock} where product_id = ? for update`, [productId]);
    return row && toStockRow(row);
  }

  writeStock(productId: string, sellerId: string, onHand: number, now: Date): Promise<StockRow> {
    return this.oneStock(`update ${this.t.stock} set on_hand = ?, seller_id = ?, updated_at = ? where product_id = ? returning ${STOCK_COLUMNS}`, [
      onHand,
      sellerId,
      now,
      productId,
    ]);
  }

  async insertReservation(orderId: string, lines: ReservationLine[], expiresAt: Date, now: Date): Promise<number> {
    const values = lines.map(() => `(?, ?, ?, 'reserved', ?, ?, ?)`).join(', ');
    const params = lines.flatMap((l) => [orderId, l.productId, l.quantity, expiresAt, now, now]);
    const inserted = await this.rows(
      `insert into ${this.t.reservations} (order_id, product_id, quantity, status, expires_at, created_at, updated_at) values ${values}
       on conflict do nothing returning product_id`,
      params,
    );
    return inserted.length;
  }

  async reserveUnits(productId: string, quantity: number, now: Date): Promise<StockRow | undefined> {
    // One conditional statement, no read-then-write: concurrent reserves queue on the row lock and each
    // re-checks the condition against the committed row, so the last units go to exactly one order.
    const [row] = await this.rows<StockRecord>(
      `update ${this.t.stock} set reserved = reserved + ?, updated_at = ? where product_id = ? and on_hand - reserved >= ? returning ${STOCK_COLUMNS}`,
      [quantity, now, productId, quantity],
    );
    return row && toStockRow(row);
  }

  async availableOf(productId: string): Promise<number> {
    const [row] = await this.rows<{ available: number }>(`select available from ${this.t.stock} where product_id = ?`, [productId]);
    return row?.available ?? 0;
  }

  async lockReservation(orderId: string): Promise<ReservationRow[]> {
    const rows = await this.rows<ReservationRecord>(
      `select ${RESERVATION_COLUMNS} from ${this.t.reservations} where order_id = ? order by product_id for update`,
      [orderId],
    );
    return rows.map(toReservationRow);
  }

  async setReservationStatus(orderId: string, status: ReservationStatus, now: Date): Promise<void> {
    await this.em.execute(`update ${this.t.reservations} set status = ?, updated_at = ? where order_id = ?`, [status, now, orderId], 'run');
  }

  releaseUnits(productId: string, quantity: number, now: Date): Promise<StockRow> {
    return this.oneStock(`update ${this.t.stock} set reserved = reserved - ?, updated_at = ? where product_id = ? returning ${STOCK_COLUMNS}`, [
      quantity,
      now,
      productId,
    ]);
  }

  commitUnits(productId: string, quantity: number, now: Date): Promise<StockRow> {
    return this.oneStock(
      `update ${this.t.stock} set on_hand = on_hand - ?, reserved = reserved - ?, updated_at = ? where product_id = ? returning ${STOCK_COLUMNS}`,
      [quantity, quantity, now, productId],
    );
  }

  returnUnits(productId: string, quantity: number, now: Date): Promise<StockRow> {
    return this.oneStock(`update ${this.t.stock} set on_hand = on_hand + ?, updated_at = ? where product_id = ? returning ${STOCK_COLUMNS}`, [
      quantity,
      now,
      productId,
    ]);
  }

  async recordMovement(m: Movement): Promise<void> {
    await this.em.execute(
      `insert into ${this.t.movements} (product_id, order_id, kind, on_hand_delta, reserved_delta, on_hand_after, reserved_after, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
      [m.productId, m.orderId ?? null, m.kind, m.onHandDelta, m.reservedDelta, m.after.onHand, m.after.reserved, m.after.updatedAt],
      'run',
    );
  }

  recordStockLow(event: StockLow): void {
    recordEvent(this.em, Topics.stockLow, event);
    this.events += 1;
  }
}
