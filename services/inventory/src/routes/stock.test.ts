import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { inventoryApp } from '../../test/inventory-app';

const SELLER = '1d000000-0000-4000-8000-000000000002';

describe('inventory stock endpoints', () => {
  let inventory: Awaited<ReturnType<typeof inventoryApp>>;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    inventory = await inventoryApp({ INVENTORY_LOW_STOCK_THRESHOLD: '5' });
    api = inventory.api;
  });

  afterAll(() => inventory?.close());

  const outbox = (productId: string) =>
    inventory.sql<{ topic: string; payload: { productId: string; available: number } }>(`select topic, payload from outbox where payload->>'productId' = ?`, [
      productId,
    ]);

  it('when stock is set for a new product, then it is created with everything available and the change is audited', async () => {
    const productId = randomUUID();

    const res = await api.put(`/internal/stock/${productId}`).send({ sellerId: SELLER, onHand: 40 });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ productId, sellerId: SELLER, onHand: 40, reserved: 0, available: 40 });
    const movements = await inventory.sql<{ kind: string; on_hand_delta: number }>('select kind, on_hand_delta from stock_movements where product_id = ?', [
      productId,
    ]);
    expect(movements).toEqual([{ kind: 'set', on_hand_delta: 40 }]);
  });

  it('when stock is set below what is reserved, then it is a 409 and the level is kept', async () => {
    const productId = randomUUID();
    await api.put(`/internal/stock/${productId}`).send({ sellerId: SELLER, onHand: 10 }).expect(200);
    await api
      .post('/internal/reservations')
      .send({ orderId: randomUUID(), items: [{ productId, quantity: 6 }] })
      .expect(201);

    const res = await api.put(`/internal/stock/${productId}`).send({ sellerId: SELLER, onHand: 5 });

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('stock-below-reserved');
    const lookup = await api.post('/internal/stock/lookup').send({ productIds: [productId] });
    expect(lookup.body).toEqual([{ productId, available: 4 }]);
  });

  it('when the body is invalid, then the 400 names each field', async () => {
    const res = await api.put(`/internal/stock/${randomUUID()}`).send({ sellerId: 'nope', onHand: -1 });

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.onHand', 'body.sellerId']);
  });

  it('when the product id is not a uuid, then it is a 400 naming params.productId', async () => {
    const res = await api.put('/internal/stock/42').send({ sellerId: SELLER, onHand: 1 });

    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('params.productId');
  });

  it('when availability is looked up, then known products answer their level and unknown ones 0', async () => {
    const known = randomUUID();
    const unknown = randomUUID();
    await api.put(`/internal/stock/${known}`).send({ sellerId: SELLER, onHand: 12 }).expect(200);

    const res = await api.post('/internal/stock/lookup').send({ productIds: [known, unknown] });

    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { productId: known, available: 12 },
      { productId: unknown, available: 0 },
    ]);
  });

  it('when stock is lowered below the threshold, then one inventory.stock-low event is queued', async () => {
    const productId = randomUUID();
    await api.put(`/internal/stock/${productId}`).send({ sellerId: SELLER, onHand: 20 }).expect(200);

    await api.put(`/internal/stock/${productId}`).send({ sellerId: SELLER, onHand: 3 }).expect(200);
    await api.put(`/internal/stock/${productId}`).send({ sellerId: SELLER, onHand: 2 }).expect(200);

    const events = await outbox(productId);
    expect(events).toEqual([{ topic: 'inventory.stock-low', payload: { productId, available: 3, threshold: 5 } }]);
  });
});
