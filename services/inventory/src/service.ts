import { createOutboxRelay, defineService, useOrm } from '@shopmesh/platform';
import { InventoryConfig } from './config';
import { createApp } from './app';
import { createInventoryStore } from './db/inventory-store';
import { inventoryDatabase } from './db/schema';
import type { InventoryDeps } from './domain/ports';
import { createReservationSweeper } from './tasks/reservation-sweeper';

/** The inventory service: stock levels, reservations with expiry, stock movements. */
export const inventoryService = defineService({
  name: 'inventory',
  config: InventoryConfig,
  database: inventoryDatabase,
  async create({ config, orm: maybeOrm, runtime, logger, clock }) {
    const orm = useOrm({ orm: maybeOrm });
    const relay = createOutboxRelay(orm, runtime.pubsub, logger);
    const deps: InventoryDeps = {
      store: createInventoryStore(orm, () => relay.nudge()),
      clock,
      settings: {
        reservationTtlSeconds: config.INVENTORY_RESERVATION_TTL_SECONDS,
        lowStockThreshold: config.INVENTORY_LOW_STOCK_THRESHOLD,
      },
    };
    const sweeper = createReservationSweeper(deps, logger, {
      intervalMs: config.INVENTORY_SWEEP_INTERVAL_MS,
      batch: config.INVENTORY_SWEEP_BATCH,
    });
    const ready = () => orm.isConnected();
    return { app: createApp({ ...deps, logger, ready }), background: [relay, sweeper] };
  },
});
