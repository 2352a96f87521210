import { killProcess, startApp } from '../../../../scripts/dapr/stack';
import {
  Cards,
  anonymous,
  availableOf,
  eventually,
  exactlyOneOfEach,
  healStack,
  notificationCounts,
  placeOrders,
  settledStatuses,
  stockedProduct,
} from './flow';

afterAll(healStack);

describe('a service crashes (kill -9) mid-flow', () => {
  it('when the orders service dies while checkouts are in flight and starts again, then every order is CONFIRMED, stock is sold once and each event arrives once', async () => {
    const product = await stockedProduct();
    const before = await availableOf(product.id);

    const checkouts = await placeOrders(6, product.id, 'crash-orders');
    await killProcess('orders');
    await new Promise((r) => setTimeout(r, 3000));
    await startApp('orders');

    expect(await settledStatuses(checkouts)).toEqual(Array(6).fill('CONFIRMED'));
    await eventually(async () => ((await availableOf(product.id)) === before - 6 ? true : undefined), 'stock to be sold exactly once per order');
    expect(await notificationCounts(checkouts)).toEqual(Array(6).fill(exactlyOneOfEach));
  }, 240_000);

  it("when the orders service dies while a checkout waits for the shopper's approval, then after the restart the approval completes the order", async () => {
    const [checkout] = await placeOrders(1, (await stockedProduct()).id, 'crash-approval', Cards.needsApproval);
    const { api, orderId } = checkout!;
    await eventually(async () => {
      const order = await api.get(`/orders/${orderId}`);
      return order.body.timeline?.some((t: any) => t.step === 'payment-action-required') ? true : undefined;
    }, 'the saga to wait for approval');

    await killProcess('orders');
    // The rest of the shop keeps answering, and orders' own paths answer the runtime's 502 problem.
    expect((await anonymous.get('/products?pageSize=1')).status).toBe(200);
    const down = await api.get(`/orders/${orderId}`);
    expect(down.status).toBe(502);
    expect(down.body.code).toBe('upstream-unavailable');
    await startApp('orders');

    expect((await api.post(`/orders/${orderId}/payment/approve`)).status).toBe(202);
    expect(await settledStatuses([checkout!])).toEqual(['CONFIRMED']);
  }, 240_000);

  it('when the notifications service is down longer than Dapr retries a delivery, then after its restart every notification arrives exactly once', async () => {
    await killProcess('notifications');
    // Dapr's delivery retries (resiliency.yaml deliveryRetry) give up after about 25 s; its sidecar must
    // hold the events back while the app is down (app health checks) instead of dead-lettering them.
    const checkouts = await placeOrders(4, (await stockedProduct()).id, 'crash-notifications');
    expect(await settledStatuses(checkouts)).toEqual(Array(4).fill('CONFIRMED'));
    await new Promise((r) => setTimeout(r, 30_000));
    await startApp('notifications');

    expect(await notificationCounts(checkouts)).toEqual(Array(4).fill(exactlyOneOfEach));
  }, 240_000);
});
