import { SHOP_START_TIMEOUT_MS } from '../shop-under-test';
import { randomBytes, randomUUID } from 'node:crypto';
import { SCARCE_PRODUCT_ID } from '@shopmesh/contracts';
import { traceIdOf } from '@shopmesh/platform';
import { eventually, startTestShop, type TestShop } from '@shopmesh/platform/testing';
import { loadAllServices } from '../../src/service-loaders';
import { ApiClient, Cards, address, card, settledOrder } from '../api-client';

/**
 * One checkout is one trace: the traceparent a shopper's request starts at the gateway reaches the log
 * lines of every service the checkout touches (the saga's activities included) and the traceparent of
 * the events it publishes.
 */
describe('request context across a checkout', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startTestShop(await loadAllServices(), {
      seed: true,
      captureLogs: true,
      env: { RATE_LIMIT_IP_PER_MINUTE: '100000', RATE_LIMIT_USER_PER_MINUTE: '100000' },
    });
  }, SHOP_START_TIMEOUT_MS);
  afterAll(() => shop?.close());

  it('when a checkout starts under a traceparent, then gateway, orders, cart, catalog, payments and inventory log under its trace id, activities included, and its events carry it', async () => {
    const anonymous = new ApiClient(() => `${shop.url('gateway')}/api/v1`);
    const { api } = await anonymous.newShopper('trace');
    const products = await anonymous.get('/products?pageSize=20');
    const product = products.body.items.find((p: { id: string; available: number }) => p.id !== SCARCE_PRODUCT_ID && p.available > 2);
    expect((await api.post('/cart/items', { productId: product.id, quantity: 1 })).status).toBe(200);
    const traceId = randomBytes(16).toString('hex');

    const placed = await api.post(
      '/orders',
      { shippingAddress: address, payment: card(Cards.approves) },
      { 'idempotency-key': randomUUID(), traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    );
    expect(placed.status).toBe(202);
    expect((await settledOrder(api, placed.body.id)).status).toBe('CONFIRMED');

    const inTrace = () => shop.logs.filter((line) => line.traceId === traceId);
    const services = await eventually(() => {
      const seen = new Set(inTrace().map((line) => line.service));
      return ['gateway', 'orders', 'cart', 'catalog', 'payments', 'inventory'].every((s) => seen.has(s)) ? seen : undefined;
    }, 'log lines of six services under the checkout trace');
    expect([...services].sort()).toEqual(expect.arrayContaining(['cart', 'catalog', 'gateway', 'inventory', 'orders', 'payments']));
    // The order is CONFIRMED before the saga's last steps (commit stock, clear the cart) have run.
    await eventually(() => {
      const activities = new Set(inTrace().flatMap((line) => (line.activity ? [line.activity] : [])));
      return ['reserveStock', 'authorizePayment', 'confirmOrder', 'commitStock', 'clearCart'].every((a) => activities.has(a));
    }, 'every activity of the saga to log under the checkout trace');

    const events = async (appId: 'orders' | 'payments') => {
      const orm = shop.orm(appId);
      return orm.em
        .fork()
        .getConnection()
        .execute<{ topic: string; traceparent: string | null }[]>(
          `select topic, traceparent from "${orm.config.get('schema')}".outbox where payload->>'orderId' = ?`,
          [placed.body.id],
        );
    };
    const published = [...(await events('orders')), ...(await events('payments'))];
    expect(published.map((e) => e.topic).sort()).toEqual(['orders.order-confirmed', 'orders.order-placed', 'payments.payment-authorized']);
    expect(published.map((e) => traceIdOf(e.traceparent ?? undefined))).toEqual([traceId, traceId, traceId]);
  });
});
