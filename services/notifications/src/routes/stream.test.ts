import { randomUUID } from 'node:crypto';
import { Topics, type Notification } from '@shopmesh/contracts';
import { eventually } from '@shopmesh/platform/testing';
import { notificationsApp, type NotificationsApp } from '../../test/notifications-app';
import { openSse, type SseClient, type SseMessage } from '../../test/sse-client';

describe('notification stream (SSE)', () => {
  let notifications: NotificationsApp;
  const clients: SseClient[] = [];

  const shipped = (userId: string, orderId: string = randomUUID()) => notifications.deliver(Topics.orderShipped, { orderId, userId });
  const connect = async (userId: string, headers: Record<string, string> = {}) => {
    const authorization = notifications.bearer({ id: userId, email: 'x@example.com', role: 'customer' });
    const client = await openSse(`${notifications.url}/notifications/stream`, { authorization, ...headers });
    clients.push(client);
    return client;
  };
  const orderOf = (m: SseMessage) => (JSON.parse(m.data) as Notification).data.orderId;
  const notificationIn = async (client: SseClient, orderId: string): Promise<Notification> => {
    const message = await client.next((m) => m.event === 'notification' && orderOf(m) === orderId);
    return JSON.parse(message.data) as Notification;
  };
  const ordersIn = (client: SseClient) => client.messages.filter((m) => m.event === 'notification').map(orderOf);

  beforeAll(async () => {
    notifications = await notificationsApp({ env: { NOTIFICATIONS_KEEPALIVE_MS: '200' } });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => notifications?.close());

  it('when a notification is stored for the user, then the open stream receives it as a notification event', async () => {
    const user = randomUUID();
    const orderId = randomUUID();
    const client = await connect(user);

    await shipped(user, orderId);

    const message = await client.next((m) => m.event === 'notification');
    const n = JSON.parse(message.data) as Notification;
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(n).toMatchObject({ userId: user, kind: 'order-shipped', data: { orderId } });
    expect(message.id).toBe(n.id);
  });

  it("when another user's notification is stored, then the stream does not carry it", async () => {
    const user = randomUUID();
    const client = await connect(user);
    const otherOrder = randomUUID();
    const ownOrder = randomUUID();

    // Stored and handed to the streams before the user's own, so it would have arrived first.
    await shipped(randomUUID(), otherOrder);
    await shipped(user, ownOrder);
    await notificationIn(client, ownOrder);

    expect(ordersIn(client)).toEqual([ownOrder]);
  });

  it('when the stream is idle, then keep-alive comments arrive', async () => {
    const client = await connect(randomUUID());

    await expect(client.next((m) => m.event === 'comment' && m.data === 'keep-alive')).resolves.toBeDefined();
  });

  it('when a client reconnects with Last-Event-ID, then the notifications it missed are replayed in order', async () => {
    const user = randomUUID();
    const first = await connect(user);
    const [seen, missed1, missed2] = [randomUUID(), randomUUID(), randomUUID()];
    await shipped(user, seen);
    const last = await notificationIn(first, seen);
    first.close();
    await shipped(user, missed1);
    await shipped(user, missed2);

    const again = await connect(user, { 'last-event-id': last.id });

    await notificationIn(again, missed2);
    expect(ordersIn(again)).toEqual([missed1, missed2]);
  });

  it('when a reconnected stream has replayed what it missed, then new notifications follow live, none twice', async () => {
    const user = randomUUID();
    const first = await connect(user);
    const [seen, missed, live] = [randomUUID(), randomUUID(), randomUUID()];
    await shipped(user, seen);
    const last = await notificationIn(first, seen);
    first.close();
    await shipped(user, missed);

    const again = await connect(user, { 'last-event-id': last.id });
    await shipped(user, live);

    await notificationIn(again, live);
    expect(ordersIn(again)).toEqual([missed, live]);
  });

  it('when the client disconnects, then its subscription is cleaned up', async () => {
    // The streams of earlier tests were closed by their clients; the app sees each go in its own time.
    await eventually(async () => (await notifications.openStreams()) === 0, 'the earlier streams to count as closed');
    const client = await connect(randomUUID());
    expect(await notifications.openStreams()).toBe(1);

    client.close();

    await eventually(async () => (await notifications.openStreams()) === 0, 'the stream to count as closed');
  });

  it('when there is no token, then the stream is a 401', async () => {
    const res = await notifications.api.get('/notifications/stream');

    expect(res.status).toBe(401);
  });

  it('when Last-Event-ID is not a notification id, then a 400 names the header', async () => {
    const res = await notifications.api
      .get('/notifications/stream')
      .set('authorization', notifications.bearer({ id: randomUUID(), email: 'x@example.com', role: 'customer' }))
      .set('last-event-id', 'nope');

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'headers.last-event-id' })]);
  });
});
