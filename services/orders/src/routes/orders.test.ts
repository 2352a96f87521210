import request from 'supertest';
import type { Order } from '@shopmesh/contracts';
import { conflict, createLogger, unauthorized, type Principal, type TokenVerifier } from '@shopmesh/platform';
import { createApp } from '../app';
import { createOrderService, type OrderReadPorts } from '../domain/order-service';
import type { NewOrder, PlaceOrderPorts } from '../domain/place-order';

const SHOPPER: Principal = { id: '00000000-0000-4000-8000-0000000000a1', email: 'a@example.com', role: 'customer' };
const SELLER: Principal = { id: '00000000-0000-4000-8000-0000000000bb', email: 's@example.com', role: 'seller' };
const OTHER: Principal = { id: '00000000-0000-4000-8000-0000000000a2', email: 'b@example.com', role: 'customer' };
const LAMP = {
  id: '00000000-0000-4000-8000-000000000001',
  sellerId: '00000000-0000-4000-8000-0000000000bb',
  name: 'Lamp',
  price: { amount: 1500, currency: 'USD' },
};
const address = { name: 'Ada', line1: '1 Row', city: 'London', postalCode: 'N1', country: 'GB' };
const payment = { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' };
const at = '2026-01-01T00:00:00.000Z';

/** The orders app on in-memory fakes: no database, no other service, no workflow engine. */
function ordersApp() {
  const saved: NewOrder[] = [];
  const signalled: string[] = [];
  const timelines = new Map<string, Order['timeline']>();
  const placing: PlaceOrderPorts = {
    findByIdempotencyKey: async (userId, key) => {
      const order = saved.find((o) => o.userId === userId && o.idempotencyKey === key);
      return order ? { id: order.id, status: 'PENDING', requestHash: order.requestHash } : null;
    },
    claimCart: async (userId, claim) => {
      if (saved.some((o) => o.userId === userId)) throw conflict('cart-already-ordered', 'Everything in this cart has been ordered already');
      return { orderId: claim.orderId, lines: [{ productId: LAMP.id, quantity: 2 }], created: true };
    },
    releaseCart: async () => undefined,
    reserveStock: async () => undefined,
    releaseStock: async () => undefined,
    lookupProducts: async () => [LAMP],
    savedAddress: async () => address,
    registerCard: async (card) => ({ token: '00000000-0000-4000-8000-0000000070c0', last4: card.cardNumber.slice(-4) }),
    save: async (order) => {
      saved.push(order);
      timelines.set(order.id, [{ step: 'placed', outcome: 'ok', at }]);
      return true;
    },
    startCheckout: async () => undefined,
    newId: () => `00000000-0000-4000-8000-${String(saved.length + 1).padStart(12, '0')}`,
    clock: { now: () => new Date(at) },
  };
  const reading: OrderReadPorts = {
    get: async (id) => {
      const order = saved.find((o) => o.id === id);
      if (!order) return null;
      return {
        id,
        userId: order.userId,
        status: 'PENDING',
        items: order.lines,
        total: order.total,
        shippingAddress: order.shippingAddress,
        payment: { last4: order.paymentLast4 },
        timeline: timelines.get(id) ?? [],
        createdAt: at,
        updatedAt: at,
      };
    },
    list: async (userId) => ({ items: [], total: saved.filter((o) => o.userId === userId).length }),
    signalApproval: async (id) => {
      signalled.push(id);
    },
    requestCancel: async () => true,
    signalCancel: async (id) => {
      signalled.push(`cancel:${id}`);
    },
    startRefund: async () => undefined,
    transaction: async () => {
      throw new Error('no order transactions in the route tests');
    },
    sellerOrders: async () => ({ items: [], total: 0 }),
    sellerOrder: async () => undefined,
    clock: { now: () => new Date(at) },
  };
  const tokens: Record<string, Principal> = { shopper: SHOPPER, other: OTHER, seller: SELLER };
  const verifier: TokenVerifier = {
    verify: async (token) => {
      const principal = tokens[token];
      if (!principal) throw unauthorized('bad token');
      return principal;
    },
  };
  const app = createApp({ orders: createOrderService(placing, reading), verifier, logger: createLogger({ level: 'silent' }), ready: async () => true });
  return { api: request(app.callback()), saved, signalled, timelines };
}

const place = (api: ReturnType<typeof ordersApp>['api'], key: string, body: object = { shippingAddress: address, payment }, token = 'shopper') =>
  api.post('/orders').set('authorization', `Bearer ${token}`).set('idempotency-key', key).send(body);

describe('orders routes', () => {
  it('when a shopper places an order, then 202 with its id and Location, and the card number is not stored', async () => {
    const { api, saved } = ordersApp();

    const res = await place(api, 'key-00000001');

    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: saved[0]!.id, status: 'PENDING' });
    expect(res.headers.location).toBe(`/api/v1/orders/${saved[0]!.id}`);
    expect(saved[0]!.total).toEqual({ amount: 3000, currency: 'USD' });
    expect(JSON.stringify(saved)).not.toContain(payment.cardNumber);
  });

  it('when the same Idempotency-Key comes again, then the same order is answered and marked replayed', async () => {
    const { api, saved } = ordersApp();
    const first = await place(api, 'key-00000002');

    const again = await place(api, 'key-00000002');

    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(saved).toHaveLength(1);
  });

  it('when a second order with another key is placed from a cart already ordered, then 409 cart-already-ordered as a problem', async () => {
    const { api, saved } = ordersApp();
    await place(api, 'key-00000010').expect(202);

    const second = await place(api, 'key-00000011');

    expect(second.status).toBe(409);
    expect(second.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(second.body.code).toBe('cart-already-ordered');
    expect(saved).toHaveLength(1);
  });

  it('when the Idempotency-Key is missing or the body is bad, then 400 naming the field', async () => {
    const { api } = ordersApp();

    const noKey = await api.post('/orders').set('authorization', 'Bearer shopper').send({ shippingAddress: address, payment });
    const noAddress = await place(api, 'key-00000003', { payment });

    expect(noKey.status).toBe(400);
    expect(noKey.body.errors.map((e: { field: string }) => e.field)).toContain('headers.idempotency-key');
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.errors.map((e: { field: string }) => e.field)).toContain('body.shippingAddress');
  });

  it('when nobody is signed in, then 401', async () => {
    const { api } = ordersApp();

    expect((await api.post('/orders').set('idempotency-key', 'key-00000004').send({ shippingAddress: address, payment })).status).toBe(401);
    expect((await api.get('/orders')).status).toBe(401);
  });

  it("when a shopper asks for someone else's order, then it is a 404 like a missing one", async () => {
    const { api } = ordersApp();
    const placed = await place(api, 'key-00000005');

    const mine = await api.get(`/orders/${placed.body.id}`).set('authorization', 'Bearer shopper');
    const theirs = await api.get(`/orders/${placed.body.id}`).set('authorization', 'Bearer other');

    expect(mine.status).toBe(200);
    expect(mine.body.timeline).toEqual([{ step: 'placed', outcome: 'ok', at }]);
    expect(theirs.status).toBe(404);
  });

  it('when a payment approval arrives for an order that waits for one, then 202 and the saga is signalled; otherwise 409', async () => {
    const { api, signalled, timelines } = ordersApp();
    const placed = await place(api, 'key-00000006');

    const early = await api.post(`/orders/${placed.body.id}/payment/approve`).set('authorization', 'Bearer shopper');
    timelines.get(placed.body.id)!.push({ step: 'payment-action-required', outcome: 'waiting', at });
    const approved = await api.post(`/orders/${placed.body.id}/payment/approve`).set('authorization', 'Bearer shopper');

    expect(early.status).toBe(409);
    expect(approved.status).toBe(202);
    expect(signalled).toEqual([placed.body.id]);
  });

  it('when a page size is out of range, then 400 naming query.pageSize', async () => {
    const { api } = ordersApp();

    const res = await api.get('/orders?pageSize=500').set('authorization', 'Bearer shopper');

    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('query.pageSize');
  });

  it('when a PENDING order is cancelled by its shopper, then 202 and the saga is sent the cancel; another shopper gets a 404', async () => {
    const { api, signalled } = ordersApp();
    const placed = await place(api, 'key-00000020');

    const theirs = await api.post(`/orders/${placed.body.id}/cancel`).set('authorization', 'Bearer other');
    const mine = await api.post(`/orders/${placed.body.id}/cancel`).set('authorization', 'Bearer shopper');

    expect(theirs.status).toBe(404);
    expect(mine.status).toBe(202);
    expect(mine.body).toEqual({ id: placed.body.id, status: 'PENDING' });
    expect(signalled).toEqual([`cancel:${placed.body.id}`]);
  });

  it('when a ship request has a bad carrier or tracking number, then 400 names each field', async () => {
    const { api } = ordersApp();
    const id = '00000000-0000-4000-8000-000000000077';

    const res = await api
      .post(`/seller/orders/${id}/ship`)
      .set('authorization', 'Bearer seller')
      .send({ carrier: '   ', trackingNumber: 'x'.repeat(101) });

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.carrier', 'body.trackingNumber']);
  });

  it('when a shopper calls the seller order routes, then 403; a seller asking for an order without their lines gets a 404', async () => {
    const { api } = ordersApp();
    const id = '00000000-0000-4000-8000-000000000077';

    const shopper = await api.get('/seller/orders').set('authorization', 'Bearer shopper');
    const missing = await api.get(`/seller/orders/${id}`).set('authorization', 'Bearer seller');
    const list = await api.get('/seller/orders').set('authorization', 'Bearer seller');

    expect(shopper.status).toBe(403);
    expect(missing.status).toBe(404);
    expect(list.body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  });
});
