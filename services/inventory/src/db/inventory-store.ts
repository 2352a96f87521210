import type { MikroORM } from '@mikro-orm/postgresql';
import type { InventoryStore, InventoryTx, ReservationRow } from '../domain/ports';
import { SqlInventoryTx } from './inventory-tx';
import { RESERVATION_COLUMNS, inventoryTables, toReservationRow, type ReservationRecord } from './rows';

/** The inventory's PostgreSQL storage; `onEvents` runs after a commit that queued outbox events. */
export function createInventoryStore(orm: MikroORM, onEvents: () => void): InventoryStore {
  const t = inventoryTables(orm.config.get('schema') ?? 'public');
  return {
    async transaction<T>(work: (tx: InventoryTx) => Promise<T>): Promise<T> {
      let events = 0;
      const result = await orm.em.fork().transactional(async (em) => {
        const tx = new SqlInventoryTx(em, t);
        const value = await work(tx);
        events = tx.events;
        return value;
      });
      if (events > 0) onEvents();
      return result;
    },

    async available(productIds) {
      if (productIds.length === 0) return new Map();
      const rows = await orm.em
        .fork()
        .execute<{ product_id: string; available: number }[]>(`select product_id, available from ${t.stock} where product_id in (?)`, [productIds]);
      return new Map(rows.map((r) => [r.product_id, r.available]));
    },

    async reservation(orderId): Promise<ReservationRow[]> {
      const rows = await orm.em
        .fork()
        .execute<ReservationRecord[]>(`select ${RESERVATION_COLUMNS} from ${t.reservations} where order_id = ? order by product_id`, [orderId]);
      return rows.map(toReservationRow);
    },

    async expiredOrderIds(now, limit) {
      const rows = await orm.em.fork().execute<{ order_id: string }[]>(
        `select order_id from ${t.reservations} where status = 'reserved' and expires_at <= ?
         group by order_id order by min(expires_at) limit ?`,
        [now, limit],
      );
      return rows.map((r) => r.order_id);
    },
  };
}
