/** The inventory app for route tests: its own tables in a test schema, no host, no other service. */
import request from 'supertest';
import { systemClock } from '@shopmesh/platform';
import { acceptFakeAppToken, fakeInternalHeaders, openTestDatabase, silentLogger } from '@shopmesh/platform/testing';
import { createApp } from '../src/app';
import { InventoryConfig } from '../src/config';
import { createInventoryStore } from '../src/db/inventory-store';
import { inventoryDatabase } from '../src/db/schema';

/** Opens the app with the config's defaults plus `env`; `api` presents the app token, as callers do. */
export async function inventoryApp(env: Record<string, string> = {}) {
  const config = InventoryConfig.parse(env);
  const db = await openTestDatabase('inventory', inventoryDatabase);
  const app = acceptFakeAppToken(
    createApp({
      store: createInventoryStore(db.orm, () => undefined),
      clock: systemClock,
      settings: { reservationTtlSeconds: config.INVENTORY_RESERVATION_TTL_SECONDS, lowStockThreshold: config.INVENTORY_LOW_STOCK_THRESHOLD },
      logger: silentLogger(),
    }),
  );
  return { api: request.agent(app.callback()).set(fakeInternalHeaders), sql: db.sql, close: db.close };
}
