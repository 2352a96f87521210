import { killProcess, startApp } from '../../../../scripts/dapr/stack';
import { availableOf, eventually, exactlyOneOfEach, healStack, notificationCounts, placeOrders, settledStatuses, stockedProduct } from './flow';

afterAll(healStack);

describe('a sidecar crashes (kill -9) mid-flow', () => {
  it("when notifications' daprd dies while events flow and starts again, then every notification arrives exactly once", async () => {
    const product = await stockedProduct();

    const checkouts = await placeOrders(6, product.id, 'crash-notifications-daprd');
    await killProcess('notifications-daprd');
    // The sagas do not need notifications: their events queue up in Kafka while its sidecar is down.
    expect(await settledStatuses(checkouts)).toEqual(Array(6).fill('CONFIRMED'));
    await startApp('notifications');

    expect(await notificationCounts(checkouts)).toEqual(Array(6).fill(exactlyOneOfEach));
  }, 240_000);

  it("when orders' daprd (which runs the workflows) dies mid-saga and starts again, then every order is CONFIRMED, stock is sold once and each event arrives once", async () => {
    const product = await stockedProduct();
    const before = await availableOf(product.id);

    const checkouts = await placeOrders(6, product.id, 'crash-orders-daprd');
    await killProcess('orders-daprd');
    await new Promise((r) => setTimeout(r, 3000));
    await startApp('orders');

    expect(await settledStatuses(checkouts)).toEqual(Array(6).fill('CONFIRMED'));
    await eventually(async () => ((await availableOf(product.id)) === before - 6 ? true : undefined), 'stock to be sold exactly once per order');
    expect(await notificationCounts(checkouts)).toEqual(Array(6).fill(exactlyOneOfEach));
  }, 240_000);
});
