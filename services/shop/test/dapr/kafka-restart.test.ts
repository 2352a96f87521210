import { killKafka, startKafka } from '../../../../scripts/dapr/stack';
import { exactlyOneOfEach, healStack, notificationCounts, placeOrders, settledStatuses, stockedProduct } from './flow';

afterAll(healStack);

describe('the Kafka broker crashes (kill -9) and restarts mid-flow', () => {
  it('when orders are placed before and while Kafka is down, then none is stuck and every event arrives exactly once', async () => {
    const product = await stockedProduct();

    const before = await placeOrders(4, product.id, 'kafka-before');
    await killKafka();
    // Registrations and orders while the broker is down: their events wait in the services' outboxes.
    const during = await placeOrders(4, product.id, 'kafka-during');
    await startKafka();

    const checkouts = [...before, ...during];
    expect(await settledStatuses(checkouts)).toEqual(Array(8).fill('CONFIRMED'));
    expect(await notificationCounts(checkouts, 180_000)).toEqual(Array(8).fill(exactlyOneOfEach));
  }, 300_000);
});
