import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { inventoryApp } from '../../test/inventory-app';

const SELLER = '1d000000-0000-4000-8000-000000000002';

describe('inventory reservation endpoints', () => {
  let inventory: Awaited<ReturnType<typeof inventoryApp>>;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    inventory = await inventoryApp();
    api = inventory.api;
  });

  afterAll(() => inventory?.close());

  async function product(onHand: number): Promise<string> {
    const productId = randomUUID();
    await api.put(`/internal/stock/${productId}`).send({ sellerId: SELLER, onHand }).expect(200);
    return productId;
  }

  async function stockOf(productId: string): Promise<{ onHand: number; reserved: number; available: number }> {
    const [row] = await inventory.sql<{ on_hand: number; reserved: number; available: number }>(
      'select on_hand, reserved, available from stock where product_id = ?',
      [productId],
    );
    return { onHand: row!.on_hand, reserved: row!.reserved, available: row!.available };
  }

  const reserve = (orderId: string, items: { productId: string; quantity: number }[], ttlSeconds?: number) =>
    api.post('/internal/reservations').send({ orderId, items, ...(ttlSeconds ? { ttlSeconds } : {}) });

  it('when every line is covered, then all are reserved with a 201 and availability drops', async () => {
    const [a, b] = [await product(10), await product(3)];
    const orderId = randomUUID();

    const res = await reserve(orderId, [
      { productId: a, quantity: 4 },
      { productId: b, quantity: 3 },
    ]);

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ orderId, status: 'reserved' });
    expect(res.body.items).toHaveLength(2);
    expect(await stockOf(a)).toEqual({ onHand: 10, reserved: 4, available: 6 });
    expect(await stockOf(b)).toEqual({ onHand: 3, reserved: 3, available: 0 });
  });

  it('when the same order reserves again, then it gets the existing reservation (200) and nothing more is reserved', async () => {
    const a = await product(10);
    const orderId = randomUUID();
    const first = await reserve(orderId, [{ productId: a, quantity: 2 }]).expect(201);

    const again = await reserve(orderId, [{ productId: a, quantity: 5 }]);

    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await stockOf(a)).reserved).toBe(2);
  });

  it('when one line cannot be covered, then it is a 409 insufficient-stock naming that product and nothing is reserved', async () => {
    const [plenty, scarce] = [await product(10), await product(1)];
    const orderId = randomUUID();

    const res = await reserve(orderId, [
      { productId: plenty, quantity: 2 },
      { productId: scarce, quantity: 2 },
    ]);

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('insufficient-stock');
    expect(res.body.detail).toContain(scarce);
    expect((await stockOf(plenty)).reserved).toBe(0);
    expect((await stockOf(scarce)).reserved).toBe(0);
    await api.get(`/internal/reservations/${orderId}`).expect(404);
  });

  it('when a line names a product inventory does not know, then it is insufficient stock', async () => {
    const unknown = randomUUID();

    const res = await reserve(randomUUID(), [{ productId: unknown, quantity: 1 }]);

    expect(res.status).toBe(409);
    expect(res.body.detail).toContain(unknown);
  });

  it('when 20 orders race for the last 5 units, then exactly 5 succeed and the rest get insufficient-stock', async () => {
    const productId = await product(5);

    const results = await Promise.all(Array.from({ length: 20 }, () => reserve(randomUUID(), [{ productId, quantity: 1 }])));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    expect(await stockOf(productId)).toEqual({ onHand: 5, reserved: 5, available: 0 });
  });

  it('when a reservation drops availability below the low-stock threshold, then one inventory.stock-low event is queued', async () => {
    const productId = await product(8);

    await reserve(randomUUID(), [{ productId, quantity: 4 }]).expect(201);
    await reserve(randomUUID(), [{ productId, quantity: 1 }]).expect(201);

    const events = await inventory.sql<{ topic: string; payload: unknown }>(`select topic, payload from outbox where payload->>'productId' = ?`, [productId]);
    expect(events).toEqual([{ topic: 'inventory.stock-low', payload: { productId, available: 4, threshold: 5 } }]);
  });

  it('when a reservation is released, then its units are available again, and releasing again is a no-op', async () => {
    const productId = await product(8);
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 3 }]).expect(201);

    const first = await api.post(`/internal/reservations/${orderId}/release`);
    const second = await api.post(`/internal/reservations/${orderId}/release`);

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toMatchObject({ orderId, status: 'released', items: [{ productId, quantity: 3 }] });
    expect(await stockOf(productId)).toEqual({ onHand: 8, reserved: 0, available: 8 });
  });

  it('when an order that reserved nothing is released, then it is a harmless no-op', async () => {
    const orderId = randomUUID();

    const res = await api.post(`/internal/reservations/${orderId}/release`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ orderId, status: 'released', items: [], expiresAt: null });
  });

  it('when a reservation is committed, then the units leave stock, and committing again changes nothing', async () => {
    const productId = await product(8);
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 3 }]).expect(201);

    await api.post(`/internal/reservations/${orderId}/commit`).expect(200);
    const again = await api.post(`/internal/reservations/${orderId}/commit`);

    expect(again.status).toBe(200);
    expect(again.body.status).toBe('committed');
    expect(await stockOf(productId)).toEqual({ onHand: 5, reserved: 0, available: 5 });
  });

  it('when a committed reservation is released, then it is a 409 and the sale stands', async () => {
    const productId = await product(4);
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 1 }]).expect(201);
    await api.post(`/internal/reservations/${orderId}/commit`).expect(200);

    const res = await api.post(`/internal/reservations/${orderId}/release`);

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('reservation-committed');
    expect(await stockOf(productId)).toEqual({ onHand: 3, reserved: 0, available: 3 });
  });

  it('when a released reservation is committed, then it is a 409 reservation-released', async () => {
    const productId = await product(4);
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 1 }]).expect(201);
    await api.post(`/internal/reservations/${orderId}/release`).expect(200);

    const res = await api.post(`/internal/reservations/${orderId}/commit`);

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('reservation-released');
  });

  it('when an unknown order is committed, then it is a 404', async () => {
    await api.post(`/internal/reservations/${randomUUID()}/commit`).expect(404);
  });

  it('when the request is invalid, then the 400 names the fields', async () => {
    const res = await api.post('/internal/reservations').send({ orderId: 'x', items: [{ productId: randomUUID(), quantity: 0 }] });

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.items.0.quantity', 'body.orderId']);
  });

  it('when every change happens, then each leaves a stock movement', async () => {
    const productId = await product(6);
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 2 }]).expect(201);
    await api.post(`/internal/reservations/${orderId}/commit`).expect(200);

    const movements = await inventory.sql<{ kind: string; on_hand_after: number; reserved_after: number }>(
      'select kind, on_hand_after, reserved_after from stock_movements where product_id = ? order by id',
      [productId],
    );

    expect(movements).toEqual([
      { kind: 'set', on_hand_after: 6, reserved_after: 0 },
      { kind: 'reserve', on_hand_after: 6, reserved_after: 2 },
      { kind: 'commit', on_hand_after: 4, reserved_after: 0 },
    ]);
  });

  it('when a cancelled order is restocked, then reserved units are released and sold units come back on hand, each once', async () => {
    const [reservedOnly, sold] = [await product(10), await product(10)];
    const [pending, committed] = [randomUUID(), randomUUID()];
    await reserve(pending, [{ productId: reservedOnly, quantity: 3 }]).expect(201);
    await reserve(committed, [{ productId: sold, quantity: 4 }]).expect(201);
    await api.post(`/internal/reservations/${committed}/commit`).expect(200);

    const released = await api.post(`/internal/reservations/${pending}/restock`);
    const returned = await api.post(`/internal/reservations/${committed}/restock`);
    const again = await api.post(`/internal/reservations/${committed}/restock`);

    expect(released.body.status).toBe('released');
    expect(returned.body.status).toBe('returned');
    expect(again.body.status).toBe('returned');
    expect(await stockOf(reservedOnly)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect(await stockOf(sold)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    const commitAfter = await api.post(`/internal/reservations/${committed}/commit`);
    expect(commitAfter.status).toBe(409);
  });
});
