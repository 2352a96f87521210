import { randomUUID } from 'node:crypto';
import { Topics, type DevMailPage, type Notification, type NotificationPage } from '@shopmesh/contracts';
import type { Principal } from '@shopmesh/platform';
import { notificationsApp, type NotificationsApp } from '../../test/notifications-app';

const money = { amount: 2500, currency: 'USD' };
const line = { productId: randomUUID(), sellerId: randomUUID(), name: 'Desk lamp', quantity: 1, unitPrice: money };
const customer = (email: string): Principal => ({ id: randomUUID(), email, role: 'customer' });

describe('notifications API', () => {
  let notifications: NotificationsApp;
  const alice = customer('alice@example.com');
  const bob = customer('bob@example.com');
  const admin: Principal = { id: randomUUID(), email: 'admin@example.com', role: 'admin' };

  const deliver = (topic: string, data: unknown, id?: string) => notifications.deliver(topic, data, id);
  const list = async (user: Principal, query = ''): Promise<NotificationPage> =>
    (await notifications.api.get(`/notifications${query}`).set('authorization', notifications.bearer(user)).expect(200)).body;
  const notificationOf = async (user: Principal, match: (n: Notification) => boolean): Promise<Notification> => {
    const found = (await list(user, '?pageSize=100')).items.find(match);
    if (!found) throw new Error(`no such notification of ${user.email}`);
    return found;
  };
  const markRead = (id: string, user: Principal) => notifications.api.post(`/notifications/${id}/read`).set('authorization', notifications.bearer(user));
  const rowsOf = (userId: string) => notifications.sql<{ id: string; kind: string }>('select id, kind from notifications where user_id = ?', [userId]);
  const mailAbout = (orderId: string) => notifications.bindingCalls.filter((call) => call.metadata?.orderId === orderId);

  beforeAll(async () => {
    notifications = await notificationsApp();
  });
  afterAll(() => notifications?.close());

  it('when an order is placed, then its owner gets an unread order-placed notification', async () => {
    const orderId = randomUUID();

    await deliver(Topics.orderPlaced, { orderId, userId: alice.id, total: money, items: [line] });

    const n = await notificationOf(alice, (x) => x.data.orderId === orderId);
    expect(n).toMatchObject({ userId: alice.id, kind: 'order-placed', readAt: null, title: expect.stringContaining(orderId.slice(0, 8).toUpperCase()) });
    expect((await list(alice)).unreadCount).toBeGreaterThanOrEqual(1);
  });

  it('when the same event is delivered twice, then it is stored once and its email sent once', async () => {
    const user = randomUUID();
    const eventId = randomUUID();
    const data = { orderId: randomUUID(), userId: user, reason: 'out of stock' };

    await deliver(Topics.orderCancelled, data, eventId);
    await deliver(Topics.orderCancelled, data, eventId);

    expect(await rowsOf(user)).toHaveLength(1);
    expect(mailAbout(data.orderId)).toHaveLength(1);
  });

  it('when a payment fails before the order-placed event arrived, then its delivery fails so the bus redelivers it, and the redelivery reaches the order owner', async () => {
    const carol = customer('carol@example.com');
    const orderId = randomUUID();
    const failedEvent = randomUUID();
    const failed = { orderId, reason: 'insufficient_funds' };

    await expect(deliver(Topics.paymentFailed, failed, failedEvent)).rejects.toThrow(`owner of order ${orderId} is not known yet`);
    expect(await rowsOf(carol.id)).toEqual([]);
    await deliver(Topics.orderPlaced, { orderId, userId: carol.id, total: money, items: [line] });
    await deliver(Topics.paymentFailed, failed, failedEvent);

    const n = await notificationOf(carol, (x) => x.kind === 'payment-failed');
    expect(n).toMatchObject({ data: { orderId, reason: 'insufficient_funds' }, body: expect.stringContaining('insufficient funds') });
  });

  it('when an order is confirmed, then a notification is stored and a confirmation email goes to the email binding', async () => {
    const orderId = randomUUID();

    await deliver(Topics.orderConfirmed, { orderId, userId: alice.id, total: money, items: [line] });

    await notificationOf(alice, (x) => x.kind === 'order-confirmed' && x.data.orderId === orderId);
    expect(mailAbout(orderId)).toEqual([
      {
        name: 'email',
        operation: 'create',
        metadata: { userId: alice.id, orderId },
        data: { subject: expect.stringContaining('confirmed'), body: expect.any(String) },
      },
    ]);
  });

  it('when a product of a seller is reviewed, then the seller (not the author) gets a review-posted notification linking the product', async () => {
    const seller: Principal = { id: randomUUID(), email: 'maker@example.com', role: 'seller' };
    const productId = randomUUID();

    await deliver(Topics.reviewPosted, {
      reviewId: randomUUID(),
      productId,
      productName: 'Desk lamp',
      sellerId: seller.id,
      rating: 5,
      title: 'Lovely light',
      authorName: 'Alice',
    });

    const n = await notificationOf(seller, (x) => x.kind === 'review-posted');
    expect(n).toMatchObject({
      userId: seller.id,
      title: 'New 5-star review of Desk lamp',
      body: 'Alice wrote “Lovely light”.',
      data: { productId, rating: 5 },
    });
    expect((await list(alice, '?pageSize=100')).items.some((x) => x.kind === 'review-posted')).toBe(false);
  });

  it('when a package ships with tracking and the order is cancelled, then each is a notification and an email', async () => {
    const [shippedId, cancelledId] = [randomUUID(), randomUUID()];

    await deliver(Topics.orderShipped, {
      orderId: shippedId,
      userId: alice.id,
      sellerId: randomUUID(),
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      orderStatus: 'SHIPPED',
    });
    await deliver(Topics.orderCancelled, {
      orderId: cancelledId,
      userId: alice.id,
      reason: 'cancelled by the shopper',
      code: 'cancelled-by-shopper',
    });

    const shipped = await notificationOf(alice, (x) => x.kind === 'order-shipped' && x.data.orderId === shippedId);
    expect(shipped.body).toContain('UPS, tracking number 1Z999AA10123456784');
    expect(shipped.data).toMatchObject({ carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    await notificationOf(alice, (x) => x.kind === 'order-cancelled' && x.data.orderId === cancelledId);
    const [shippedMail] = mailAbout(shippedId);
    const [cancelledMail] = mailAbout(cancelledId);
    expect(shippedMail?.data).toMatchObject({ subject: expect.stringContaining('shipped'), body: expect.stringContaining('1Z999AA10123456784') });
    expect(cancelledMail?.data).toMatchObject({ subject: expect.stringContaining('cancelled') });
  });

  it('when a payment needs approval, is refunded and the order delivered, then the shopper is told each with the links the storefront needs, and no email', async () => {
    const orderId = randomUUID();
    await deliver(Topics.orderPlaced, { orderId, userId: bob.id, total: money, items: [line] });

    await deliver(Topics.paymentActionRequired, { orderId, userId: bob.id, approvePath: `/api/v1/orders/${orderId}/payment/approve` });
    await deliver(Topics.paymentRefunded, { paymentId: randomUUID(), orderId, amount: money });
    await deliver(Topics.orderDelivered, { orderId, userId: bob.id, sellerId: randomUUID(), orderStatus: 'DELIVERED' });

    const approval = await notificationOf(bob, (x) => x.kind === 'payment-action-required' && x.data.orderId === orderId);
    const refund = await notificationOf(bob, (x) => x.kind === 'payment-refunded' && x.data.orderId === orderId);
    const delivered = await notificationOf(bob, (x) => x.kind === 'order-delivered' && x.data.orderId === orderId);
    expect(approval.data.approvePath).toBe(`/api/v1/orders/${orderId}/payment/approve`);
    expect(refund.body).toContain('$25.00');
    expect(delivered.title).toContain('delivered');
    expect(mailAbout(orderId)).toEqual([]);
  });

  it('when a user registers, is shipped an order and it is listed, then the page is newest first and counts unread', async () => {
    const dan = customer('dan@example.com');
    await deliver(Topics.userRegistered, { userId: dan.id, email: dan.email, name: 'Dan', role: 'customer' });
    await deliver(Topics.orderShipped, { orderId: randomUUID(), userId: dan.id });

    const first = await list(dan, '?pageSize=1');
    const second = await list(dan, '?page=2&pageSize=1');

    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1, unreadCount: 2, items: [{ kind: 'order-shipped' }] });
    expect(second.items.map((n) => n.kind)).toEqual(['welcome']);
  });

  it('when a notification is marked read twice, then it is read, keeps its first read time and leaves the unread count', async () => {
    const orderId = randomUUID();
    await deliver(Topics.orderShipped, { orderId, userId: bob.id });
    const n = await notificationOf(bob, (x) => x.data.orderId === orderId);
    const before = (await list(bob)).unreadCount;

    const first = await markRead(n.id, bob);
    const second = await markRead(n.id, bob);

    expect(first.status).toBe(200);
    expect(first.body.readAt).toEqual(expect.any(String));
    expect(second.body.readAt).toBe(first.body.readAt);
    expect((await list(bob)).unreadCount).toBe(before - 1);
  });

  it("when a user marks another user's notification read, then it is a 404 and it stays unread", async () => {
    const orderId = randomUUID();
    await deliver(Topics.orderShipped, { orderId, userId: alice.id });
    const n = await notificationOf(alice, (x) => x.data.orderId === orderId);

    const res = await markRead(n.id, bob);

    expect(res.status).toBe(404);
    expect((await notificationOf(alice, (x) => x.id === n.id)).readAt).toBeNull();
    expect((await list(bob, '?pageSize=100')).items.map((x) => x.id)).not.toContain(n.id);
  });

  it('when there is no token, then listing is a 401', async () => {
    expect((await notifications.api.get('/notifications')).status).toBe(401);
  });

  it('when the page query or id is out of range, then a 400 names the field', async () => {
    const page = await notifications.api.get('/notifications?pageSize=101').set('authorization', notifications.bearer(alice));
    const id = await markRead('nope', alice);

    expect(page.status).toBe(400);
    expect(page.body.errors).toEqual([expect.objectContaining({ field: 'query.pageSize' })]);
    expect(id.status).toBe(400);
    expect(id.body.errors).toEqual([expect.objectContaining({ field: 'params.id' })]);
  });

  it('when someone other than an admin reads the dev mailbox, then it is a 403', async () => {
    const res = await notifications.api.get('/admin/mail').set('authorization', notifications.bearer(alice));

    expect(res.status).toBe(403);
  });

  it('when another service asks for a mail, then it goes to the email binding addressed to the recipient and an admin reads it in the dev mailbox', async () => {
    const to = `reset-${randomUUID()}@example.com`;
    const mail = { to, subject: 'Reset your password', body: 'Open /reset?token=abc', kind: 'password-reset' };

    await notifications.internalApi.post('/internal/mail').send(mail).expect(202);

    expect(notifications.bindingCalls.filter((call) => call.metadata?.emailTo === to)).toEqual([
      {
        name: 'email',
        operation: 'create',
        data: { subject: mail.subject, body: mail.body },
        metadata: { kind: 'password-reset', emailTo: to, subject: mail.subject },
      },
    ]);
    const mailbox = await notifications.api
      .get(`/admin/mail?to=${encodeURIComponent(to)}`)
      .set('authorization', notifications.bearer(admin))
      .expect(200);
    expect((mailbox.body as DevMailPage).items).toEqual([expect.objectContaining({ to, subject: mail.subject, kind: 'password-reset' })]);
  });

  it('when a mail is asked for without the app token, then it is a 401 and nothing is sent', async () => {
    const to = `stranger-${randomUUID()}@example.com`;

    const res = await notifications.api.post('/internal/mail').send({ to, subject: 'Hi', body: 'Hello', kind: 'password-reset' });

    expect(res.status).toBe(401);
    expect(notifications.bindingCalls.filter((call) => call.metadata?.emailTo === to)).toEqual([]);
  });
});
