import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Topics, type Notification, type NotificationPage } from '@shopmesh/contracts';
import { eventually, startTestShop, type TestShop } from '@shopmesh/platform/testing';
import { notificationsService } from '../service';

const money = { amount: 2500, currency: 'USD' };
const line = { productId: randomUUID(), sellerId: randomUUID(), name: 'Desk lamp', quantity: 1, unitPrice: money };

describe('notifications API', () => {
  let shop: TestShop;
  let api: ReturnType<typeof request>;
  const alice = { id: randomUUID(), email: 'alice@example.com', role: 'customer' as const };
  const bob = { id: randomUUID(), email: 'bob@example.com', role: 'customer' as const };
  let aliceToken: string;
  let bobToken: string;

  // Events come from a runtime named after their real publisher; orders itself is not part of this shop.
  const publish = (source: 'orders' | 'payments' | 'identity' | 'catalog', topic: string, data: unknown, id: string = randomUUID()) =>
    shop.host.hub.runtimeFor(source).pubsub.publish(topic, data, { id });
  const list = async (token: string, query = ''): Promise<NotificationPage> =>
    (await api.get(`/notifications${query}`).set('authorization', `Bearer ${token}`).expect(200)).body;
  const rowsOf = async (userId: string) =>
    shop.sql<{ id: string; kind: string }>('notifications', 'select id, kind from notifications where user_id = ?', [userId]);
  const notificationOf = (token: string, match: (n: Notification) => boolean) => eventually(async () => (await list(token, '?pageSize=100')).items.find(match));

  beforeAll(async () => {
    shop = await startTestShop([notificationsService]);
    api = request(shop.url('notifications'));
    aliceToken = await shop.signToken(alice);
    bobToken = await shop.signToken(bob);
  });
  afterAll(() => shop?.close());

  it('when an order is placed, then its owner gets an unread order-placed notification', async () => {
    const orderId = randomUUID();

    await publish('orders', Topics.orderPlaced, { orderId, userId: alice.id, total: money, items: [line] });

    const n = await notificationOf(aliceToken, (x) => x.data.orderId === orderId);
    expect(n).toMatchObject({ userId: alice.id, kind: 'order-placed', readAt: null, title: expect.stringContaining(orderId.slice(0, 8).toUpperCase()) });
    expect((await list(aliceToken)).unreadCount).toBeGreaterThanOrEqual(1);
  });

  it('when the same event is delivered twice, then it is stored once', async () => {
    const user = randomUUID();
    const eventId = randomUUID();
    const data = { orderId: randomUUID(), userId: user, reason: 'out of stock' };

    await publish('orders', Topics.orderCancelled, data, eventId);
    await publish('orders', Topics.orderCancelled, data, eventId);
    await eventually(async () => ((await rowsOf(user)).length > 0 ? true : undefined));
    await shop.settle();

    expect(await rowsOf(user)).toHaveLength(1);
  });

  it('when a payment fails before the order-placed event arrived, then the notification still reaches the order owner', async () => {
    const user = { id: randomUUID(), email: 'carol@example.com', role: 'customer' as const };
    const orderId = randomUUID();

    await publish('payments', Topics.paymentFailed, { orderId, reason: 'insufficient_funds' });
    await publish('orders', Topics.orderPlaced, { orderId, userId: user.id, total: money, items: [line] });

    const token = await shop.signToken(user);
    const failed = await notificationOf(token, (x) => x.kind === 'payment-failed');
    expect(failed).toMatchObject({ data: { orderId, reason: 'insufficient_funds' }, body: expect.stringContaining('insufficient funds') });
  });

  it('when an order is confirmed, then a notification is stored and a confirmation email goes to the email binding', async () => {
    const orderId = randomUUID();

    await publish('orders', Topics.orderConfirmed, { orderId, userId: alice.id, total: money, items: [line] });

    await notificationOf(aliceToken, (x) => x.kind === 'order-confirmed' && x.data.orderId === orderId);
    const email = await eventually(async () => shop.host.hub.sent.find((s) => s.metadata.orderId === orderId));
    expect(email).toMatchObject({
      name: 'email',
      operation: 'create',
      metadata: { userId: alice.id },
      data: { subject: expect.stringContaining('confirmed') },
    });
  });

  it('when a product of a seller is reviewed, then the seller (not the author) gets a review-posted notification linking the product', async () => {
    const seller = { id: randomUUID(), email: 'maker@example.com', role: 'seller' as const };
    const sellerToken = await shop.signToken(seller);
    const productId = randomUUID();

    await publish('catalog', Topics.reviewPosted, {
      reviewId: randomUUID(),
      productId,
      productName: 'Desk lamp',
      sellerId: seller.id,
      rating: 5,
      title: 'Lovely light',
      authorName: 'Alice',
    });

    const n = await notificationOf(sellerToken, (x) => x.kind === 'review-posted');
    expect(n).toMatchObject({
      userId: seller.id,
      title: 'New 5-star review of Desk lamp',
      body: 'Alice wrote “Lovely light”.',
      data: { productId, rating: 5 },
    });
    expect((await list(aliceToken, '?pageSize=100')).items.some((x) => x.kind === 'review-posted')).toBe(false);
  });

  it('when a package ships with tracking and the order is cancelled, then each is a notification and an email', async () => {
    const [shippedId, cancelledId] = [randomUUID(), randomUUID()];

    await publish('orders', Topics.orderShipped, {
      orderId: shippedId,
      userId: alice.id,
      sellerId: randomUUID(),
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      orderStatus: 'SHIPPED',
    });
    await publish('orders', Topics.orderCancelled, {
      orderId: cancelledId,
      userId: alice.id,
      reason: 'cancelled by the shopper',
      code: 'cancelled-by-shopper',
    });

    const shipped = await notificationOf(aliceToken, (x) => x.kind === 'order-shipped' && x.data.orderId === shippedId);
    expect(shipped.body).toContain('UPS, tracking number 1Z999AA10123456784');
    expect(shipped.data).toMatchObject({ carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    await notificationOf(aliceToken, (x) => x.kind === 'order-cancelled' && x.data.orderId === cancelledId);
    const shippedMail = await eventually(async () => shop.host.hub.sent.find((s) => s.metadata.orderId === shippedId));
    const cancelledMail = await eventually(async () => shop.host.hub.sent.find((s) => s.metadata.orderId === cancelledId));
    expect(shippedMail.data).toMatchObject({ subject: expect.stringContaining('shipped'), body: expect.stringContaining('1Z999AA10123456784') });
    expect(cancelledMail.data).toMatchObject({ subject: expect.stringContaining('cancelled') });
  });

  it('when a payment needs approval, is refunded and the order delivered, then the shopper is told each with the links the storefront needs', async () => {
    const orderId = randomUUID();
    await publish('orders', Topics.orderPlaced, { orderId, userId: bob.id, total: money, items: [line] });

    await publish('orders', Topics.paymentActionRequired, { orderId, userId: bob.id, approvePath: `/api/v1/orders/${orderId}/payment/approve` });
    await publish('payments', Topics.paymentRefunded, { paymentId: randomUUID(), orderId, amount: money });
    await publish('orders', Topics.orderDelivered, { orderId, userId: bob.id, sellerId: randomUUID(), orderStatus: 'DELIVERED' });

    const approval = await notificationOf(bobToken, (x) => x.kind === 'payment-action-required' && x.data.orderId === orderId);
    const refund = await notificationOf(bobToken, (x) => x.kind === 'payment-refunded' && x.data.orderId === orderId);
    const delivered = await notificationOf(bobToken, (x) => x.kind === 'order-delivered' && x.data.orderId === orderId);
    expect(approval.data.approvePath).toBe(`/api/v1/orders/${orderId}/payment/approve`);
    expect(refund.body).toContain('$25.00');
    expect(delivered.title).toContain('delivered');
    expect(shop.host.hub.sent.filter((s) => s.metadata.orderId === orderId)).toEqual([]);
  });

  it('when a user registers, is shipped an order and it is listed, then the page is newest first and counts unread', async () => {
    const user = { id: randomUUID(), email: 'dan@example.com', role: 'customer' as const };
    const token = await shop.signToken(user);
    await publish('identity', Topics.userRegistered, { userId: user.id, email: user.email, name: 'Dan', role: 'customer' });
    await notificationOf(token, (x) => x.kind === 'welcome');
    await publish('orders', Topics.orderShipped, { orderId: randomUUID(), userId: user.id });
    await notificationOf(token, (x) => x.kind === 'order-shipped');

    const first = await list(token, '?pageSize=1');
    const second = await list(token, '?page=2&pageSize=1');

    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1, unreadCount: 2, items: [{ kind: 'order-shipped' }] });
    expect(second.items.map((n) => n.kind)).toEqual(['welcome']);
  });

  it('when a notification is marked read twice, then it is read, keeps its first read time and leaves the unread count', async () => {
    const orderId = randomUUID();
    await publish('orders', Topics.orderShipped, { orderId, userId: bob.id });
    const n = await notificationOf(bobToken, (x) => x.data.orderId === orderId);
    const before = (await list(bobToken)).unreadCount;

    const first = await api.post(`/notifications/${n.id}/read`).set('authorization', `Bearer ${bobToken}`);
    const second = await api.post(`/notifications/${n.id}/read`).set('authorization', `Bearer ${bobToken}`);

    expect(first.status).toBe(200);
    expect(first.body.readAt).toEqual(expect.any(String));
    expect(second.body.readAt).toBe(first.body.readAt);
    expect((await list(bobToken)).unreadCount).toBe(before - 1);
  });

  it("when a user marks another user's notification read, then it is a 404 and it stays unread", async () => {
    const orderId = randomUUID();
    await publish('orders', Topics.orderShipped, { orderId, userId: alice.id });
    const n = await notificationOf(aliceToken, (x) => x.data.orderId === orderId);

    const res = await api.post(`/notifications/${n.id}/read`).set('authorization', `Bearer ${bobToken}`);

    expect(res.status).toBe(404);
    expect((await notificationOf(aliceToken, (x) => x.id === n.id)).readAt).toBeNull();
    expect((await list(bobToken, '?pageSize=100')).items.map((x) => x.id)).not.toContain(n.id);
  });

  it('when there is no token, then listing is a 401', async () => {
    expect((await api.get('/notifications')).status).toBe(401);
  });

  it('when the page query or id is out of range, then a 400 names the field', async () => {
    const page = await api.get('/notifications?pageSize=101').set('authorization', `Bearer ${aliceToken}`);
    const id = await api.post('/notifications/nope/read').set('authorization', `Bearer ${aliceToken}`);

    expect(page.status).toBe(400);
    expect(page.body.errors).toEqual([expect.objectContaining({ field: 'query.pageSize' })]);
    expect(id.status).toBe(400);
    expect(id.body.errors).toEqual([expect.objectContaining({ field: 'params.id' })]);
  });

  it('when someone other than an admin reads the dev mailbox, then it is a 403', async () => {
    const res = await api.get('/admin/mail').set('authorization', `Bearer ${aliceToken}`);

    expect(res.status).toBe(403);
  });
});
