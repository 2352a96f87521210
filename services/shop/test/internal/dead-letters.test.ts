import { SHOP_START_TIMEOUT_MS } from '../shop-under-test';
import { randomUUID } from 'node:crypto';
import { Topics } from '@shopmesh/contracts';
import { eventually, startTestShop, type TestShop } from '@shopmesh/platform/testing';
import { loadAllServices } from '../../src/service-loaders';
import { ApiClient } from '../api-client';

interface Letter {
  id: string;
  subscriber: string;
  topic: string;
  error?: string;
  attempts?: number;
  eventId: string;
}

/**
 * The ops view of the bus through the public API: a payment-failed event for an order notifications
 * does not know yet cannot be delivered, so it ends dead-lettered; an admin sees it and, once the order
 * is known, replays it and the shopper gets the notification.
 */
describe('dead letters in the ops view', () => {
  let shop: TestShop;
  let admin: ApiClient;
  let anonymous: ApiClient;

  beforeAll(async () => {
    shop = await startTestShop(await loadAllServices(), { seed: true, env: { RATE_LIMIT_IP_PER_MINUTE: '100000', RATE_LIMIT_USER_PER_MINUTE: '100000' } });
    anonymous = new ApiClient(() => `${shop.url('gateway')}/api/v1`);
    admin = (await anonymous.login('admin@example.com', 'Admin@123')).api;
  }, SHOP_START_TIMEOUT_MS);
  afterAll(() => shop?.close());

  const lettersFor = async (eventId: string): Promise<Letter[]> =>
    ((await admin.get('/admin/dead-letters')).body.items as Letter[]).filter((l) => l.eventId === eventId);

  it('when an event exhausts its deliveries, then an admin lists it and replays it to the one service that failed it', async () => {
    const { api: shopper, userId } = await anonymous.newShopper('dead-letter');
    const orderId = randomUUID();
    const eventId = randomUUID();
    await shop.runtime('payments').pubsub.publish(Topics.paymentFailed, { orderId, reason: 'card declined' }, { id: eventId });

    const [letter] = await eventually(async () => {
      const found = await lettersFor(eventId);
      return found.length > 0 ? found : undefined;
    }, 'the payment-failed event dead-lettered by notifications');
    expect(letter).toMatchObject({ subscriber: 'notifications', topic: Topics.paymentFailed, attempts: 5 });
    expect(letter!.error).toContain(`owner of order ${orderId} is not known yet`);

    await shop.runtime('orders').pubsub.publish(Topics.orderPlaced, { orderId, userId, total: { amount: 100, currency: 'USD' }, items: [] });
    await eventually(async () => ((await shopper.get('/notifications')).body.items as unknown[]).length >= 2, 'the order-placed notification');
    const replay = await admin.post(`/admin/dead-letters/${letter!.id}/replay`);

    expect(replay.status).toBe(202);
    await eventually(
      async () => ((await shopper.get('/notifications')).body.items as { kind: string }[]).some((n) => n.kind === 'payment-failed'),
      'the replayed payment-failed notification',
    );
    expect(await lettersFor(eventId)).toEqual([]);
  });

  it('when someone who is not an admin asks, or names no dead letter, then the answer is a problem', async () => {
    const { api: shopper } = await anonymous.newShopper('not-admin');

    expect((await anonymous.get('/admin/dead-letters')).status).toBe(401);
    expect((await shopper.get('/admin/dead-letters')).status).toBe(403);
    expect((await shopper.post('/admin/dead-letters/notifications:1/replay')).status).toBe(403);
    const malformed = await admin.post('/admin/dead-letters/nobody/replay');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('params.id');
    expect((await admin.post('/admin/dead-letters/notifications:999999999/replay')).status).toBe(404);
  });
});
