import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Clock } from '@shopmesh/platform';
import { acceptFakeAppToken, eventually, fakeInternalHeaders, openTestDatabase, silentLogger, type TestDatabase } from '@shopmesh/platform/testing';
import { createApp } from '../app';
import { InventoryConfig } from '../config';
import { createInventoryStore } from '../db/inventory-store';
import { inventoryDatabase } from '../db/schema';
import type { InventoryDeps } from '../domain/ports';
import { createReservationSweeper } from './reservation-sweeper';

const SELLER = '1d000000-0000-4000-8000-000000000002';

describe('reservation sweeper', () => {
  let db: TestDatabase;
  let deps: InventoryDeps;
  let api: ReturnType<typeof request.agent>;
  // Time stands still until a test moves it, so a reservation expires when the test says, not when the wall clock does.
  let now = new Date('2026-01-01T12:00:00.000Z');
  const clock: Clock = { now: () => now };
  const later = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  const sweeper = (options: { intervalMs?: number; batch?: number } = {}) =>
    createReservationSweeper(deps, silentLogger(), { intervalMs: options.intervalMs ?? 60_000, batch: options.batch ?? 100 });

  beforeAll(async () => {
    const config = InventoryConfig.parse({});
    db = await openTestDatabase('inventory', inventoryDatabase);
    deps = {
      store: createInventoryStore(db.orm, () => undefined),
      clock,
      settings: { reservationTtlSeconds: config.INVENTORY_RESERVATION_TTL_SECONDS, lowStockThreshold: config.INVENTORY_LOW_STOCK_THRESHOLD },
    };
    api = request.agent(acceptFakeAppToken(createApp({ ...deps, logger: silentLogger() })).callback()).set(fakeInternalHeaders);
  });
  afterAll(() => db?.close());

  async function product(onHand: number): Promise<string> {
    const productId = randomUUID();
    await api.put(`/internal/stock/${productId}`).send({ sellerId: SELLER, onHand }).expect(200);
    return productId;
  }
  const reserve = (orderId: string, productId: string, quantity: number, ttlSeconds?: number) =>
    api
      .post('/internal/reservations')
      .send({ orderId, items: [{ productId, quantity }], ...(ttlSeconds ? { ttlSeconds } : {}) })
      .expect(201);
  const statusOf = async (orderId: string): Promise<string> => (await api.get(`/internal/reservations/${orderId}`).expect(200)).body.status;

  it('when a reservation outlives its ttl, then the running sweeper releases it and its units are available again', async () => {
    const productId = await product(5);
    const [expiring, lasting] = [randomUUID(), randomUUID()];
    await reserve(expiring, productId, 2, 1);
    await reserve(lasting, productId, 1);
    const task = sweeper({ intervalMs: 50 });
    later(2);

    task.start();
    try {
      await eventually(async () => (await statusOf(expiring)) === 'released', 'the expired reservation to be released');
    } finally {
      await task.stop();
    }

    expect(await statusOf(lasting)).toBe('reserved');
    const lookup = await api.post('/internal/stock/lookup').send({ productIds: [productId] });
    expect(lookup.body).toEqual([{ productId, available: 4 }]);
    const [movement] = await db.sql<{ kind: string }>('select kind from stock_movements where order_id = ? and kind = ?', [expiring, 'expire']);
    expect(movement?.kind).toBe('expire');
  });

  it('when more reservations expired than one batch holds, then one sweep releases them all and counts them', async () => {
    const productId = await product(10);
    const orders = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const orderId of orders) await reserve(orderId, productId, 1, 1);
    later(2);

    const released = await sweeper({ batch: 2 }).sweep();

    expect(released).toBe(orders.length);
    for (const orderId of orders) expect(await statusOf(orderId)).toBe('released');
  });

  it('when no reservation has run out yet, then a sweep releases nothing', async () => {
    const productId = await product(3);
    const orderId = randomUUID();
    await reserve(orderId, productId, 1, 60);
    later(30);

    expect(await sweeper().sweep()).toBe(0);
    expect(await statusOf(orderId)).toBe('reserved');
  });
});
