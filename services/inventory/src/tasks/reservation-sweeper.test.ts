import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventually, startTestShop, type TestShop } from '@shopmesh/platform/testing';
import { inventoryService } from '../service';

const SELLER = '1d000000-0000-4000-8000-000000000002';

describe('reservation sweeper', () => {
  let shop: TestShop;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    shop = await startTestShop([inventoryService], { env: { INVENTORY_SWEEP_INTERVAL_MS: '100' } });
    api = request.agent(shop.url('inventory')).set(shop.internalHeaders);
  });

  afterAll(() => shop?.close());

  it('when a reservation outlives its ttl, then the sweeper releases it and its units are available again', async () => {
    const productId = randomUUID();
    await api.put(`/internal/stock/${productId}`).send({ sellerId: SELLER, onHand: 5 }).expect(200);
    const expiring = randomUUID();
    const lasting = randomUUID();
    await api
      .post('/internal/reservations')
      .send({ orderId: expiring, items: [{ productId, quantity: 2 }], ttlSeconds: 1 })
      .expect(201);
    await api
      .post('/internal/reservations')
      .send({ orderId: lasting, items: [{ productId, quantity: 1 }] })
      .expect(201);

    const released = await eventually(async () => {
      const status = (await api.get(`/internal/reservations/${expiring}`)).body.status;
      return status === 'released' ? status : undefined;
    }, 'the expired reservation to be released');

    expect(released).toBe('released');
    expect((await api.get(`/internal/reservations/${lasting}`)).body.status).toBe('reserved');
    const lookup = await api.post('/internal/stock/lookup').send({ productIds: [productId] });
    expect(lookup.body).toEqual([{ productId, available: 4 }]);
    const [movement] = await shop.sql<{ kind: string }>('inventory', 'select kind from stock_movements where order_id = ? and kind = ?', [expiring, 'expire']);
    expect(movement?.kind).toBe('expire');
  });
});
