import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Topics, type Notification } from '@shopmesh/contracts';
import { eventually, startTestShop, type TestShop } from '@shopmesh/platform/testing';
import { notificationsService } from '../service';
import { openSse, type SseClient } from '../../test/sse-client';

describe('notification stream (SSE)', () => {
  let shop: TestShop;
  const clients: SseClient[] = [];

  const shipped = (userId: string, orderId: string = randomUUID()) =>
    shop.host.hub.runtimeFor('orders').pubsub.publish(Topics.orderShipped, { orderId, userId }, { id: randomUUID() });
  const connect = async (userId: string, headers: Record<string, string> = {}) => {
    const token = await shop.signToken({ id: userId, email: 'x@example.com', role: 'customer' });
    const client = await openSse(`${shop.url('notifications')}/notifications/stream`, { authorization: `Bearer ${token}`, ...headers });
    clients.push(client);
    return client;
  };
  const notificationIn = async (client: SseClient, orderId: string): Promise<Notification> => {
    const message = await client.next((m) => m.event === 'notification' && (JSON.parse(m.data) as Notification).data.orderId === orderId);
    return JSON.parse(message.data) as Notification;
  };
  const stored = (orderId: string) =>
    eventually(async () => {
      const rows = await shop.sql('notifications', `select 1 from notifications where data->>'orderId' = ?`, [orderId]);
      return rows.length > 0 ? true : undefined;
    });
  const openStreams = async () => {
    const metrics = await request(shop.host.managementUrl).get('/metrics');
    return Number(/^notifications_open_streams\{[^}]*\} (\d+)$/m.exec(metrics.text)?.[1]);
  };

  beforeAll(async () => {
    shop = await startTestShop([notificationsService], { env: { NOTIFICATIONS_KEEPALIVE_MS: '200' } });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => shop?.close());

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

    await shipped(randomUUID(), otherOrder);
    await shipped(user, ownOrder);
    await notificationIn(client, ownOrder);

    expect(client.messages.filter((m) => m.event === 'notification').map((m) => (JSON.parse(m.data) as Notification).data.orderId)).toEqual([ownOrder]);
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
    await stored(missed1);
    await shipped(user, missed2);
    await stored(missed2);

    const again = await connect(user, { 'last-event-id': last.id });

    await notificationIn(again, missed2);
    const replayed = again.messages.filter((m) => m.event === 'notification').map((m) => (JSON.parse(m.data) as Notification).data.orderId);
    expect(replayed).toEqual([missed1, missed2]);
  });

  it('when the client disconnects, then its subscription is cleaned up', async () => {
    const before = await openStreams();
    const client = await connect(randomUUID());
    await eventually(async () => ((await openStreams()) === before + 1 ? true : undefined));

    client.close();

    await eventually(async () => ((await openStreams()) === before ? true : undefined));
  });

  it('when there is no token, then the stream is a 401', async () => {
    const res = await request(shop.url('notifications')).get('/notifications/stream');

    expect(res.status).toBe(401);
  });

  it('when Last-Event-ID is not a notification id, then a 400 names the header', async () => {
    const token = await shop.signToken({ id: randomUUID(), email: 'x@example.com', role: 'customer' });

    const res = await request(shop.url('notifications')).get('/notifications/stream').set('authorization', `Bearer ${token}`).set('last-event-id', 'nope');

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'headers.last-event-id' })]);
  });
});
