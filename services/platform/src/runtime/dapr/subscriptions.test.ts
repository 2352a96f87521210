import request from 'supertest';
import { z } from 'zod';
import { APP_TOKEN_HEADER } from '../../http/app-token';
import { createServiceApp } from '../../http/kit';
import { createLogger } from '../../logger';
import { createMemoryStateStore } from '../../testing/memory-state';
import type { CloudEvent, Subscription } from '../port';
import { createDaprDeadLetters } from './dead-letters';
import { daprSubscriptionRouter } from './subscriptions';

const logger = createLogger({ name: 'test', level: 'silent' });

const APP_TOKEN = 'the-app-token-daprd-sends';

const routerFor = (subscriptions: Subscription<any>[]) => {
  const deadLetters = createDaprDeadLetters(createMemoryStateStore(), () => subscriptions, logger);
  return { deadLetters, router: daprSubscriptionRouter(subscriptions, { pubsubName: 'pubsub', appId: 'notifications', deadLetters, logger }) };
};

/** The app as its daprd calls it: every request carries the app token. */
function appWith(subscriptions: Subscription<any>[]) {
  const { router, deadLetters } = routerFor(subscriptions);
  const app = createServiceApp({ name: 'notifications', logger, routers: [router] });
  app.appToken = APP_TOKEN;
  return Object.assign(request.agent(app.callback()).set(APP_TOKEN_HEADER, APP_TOKEN), { deadLetters });
}

const envelope = (topic: string, data: unknown) => ({
  id: 'evt-1',
  source: 'orders',
  type: topic,
  specversion: '1.0',
  datacontenttype: 'application/json',
  time: '2026-01-01T00:00:00Z',
  topic,
  pubsubname: 'pubsub',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  data,
});

const OrderPlaced = z.object({ orderId: z.string(), total: z.coerce.number() });

describe('dapr subscription router', () => {
  it('when Dapr asks for subscriptions, then every topic is listed with its route and dead-letter topic, and the app takes its dead letters', async () => {
    const api = appWith([
      { topic: 'orders.order-placed', schema: OrderPlaced, handler: async () => undefined },
      { topic: 'payments.payment-failed', schema: z.unknown(), handler: async () => undefined, deadLetterTopic: 'payments.poison' },
    ]);

    const res = await api.get('/dapr/subscribe');

    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        pubsubname: 'pubsub',
        topic: 'orders.order-placed',
        route: '/events/orders.order-placed',
        deadLetterTopic: 'orders.order-placed.notifications.dead-letter',
      },
      { pubsubname: 'pubsub', topic: 'payments.payment-failed', route: '/events/payments.payment-failed', deadLetterTopic: 'payments.poison' },
      { pubsubname: 'pubsub', topic: 'orders.order-placed.notifications.dead-letter', route: '/events/orders.order-placed.notifications.dead-letter' },
      { pubsubname: 'pubsub', topic: 'payments.poison', route: '/events/payments.poison' },
    ]);
  });

  it('when a valid CloudEvent arrives, then the handler gets the parsed data and Dapr hears SUCCESS', async () => {
    const seen: CloudEvent<z.infer<typeof OrderPlaced>>[] = [];
    const api = appWith([{ topic: 'orders.order-placed', schema: OrderPlaced, handler: async (e) => void seen.push(e) }]);

    const res = await api
      .post('/events/orders.order-placed')
      .set('content-type', 'application/cloudevents+json')
      .send(JSON.stringify(envelope('orders.order-placed', { orderId: 'o-1', total: '1999' })));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'SUCCESS' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      id: 'evt-1',
      topic: 'orders.order-placed',
      traceparent: expect.stringMatching(/^00-0af7/),
      data: { orderId: 'o-1', total: 1999 },
    });
  });

  it('when the data fails the schema, then the handler is not called and Dapr hears DROP', async () => {
    const handler = jest.fn(async () => undefined);
    const api = appWith([{ topic: 'orders.order-placed', schema: OrderPlaced, handler }]);

    const res = await api
      .post('/events/orders.order-placed')
      .set('content-type', 'application/cloudevents+json')
      .send(JSON.stringify(envelope('orders.order-placed', { orderId: 42 })));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'DROP' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('when the handler throws, then Dapr hears RETRY with a 200 so it redelivers', async () => {
    const api = appWith([
      {
        topic: 'orders.order-placed',
        schema: OrderPlaced,
        handler: async () => {
          throw new Error('database is down');
        },
      },
    ]);

    const res = await api
      .post('/events/orders.order-placed')
      .set('content-type', 'application/cloudevents+json')
      .send(JSON.stringify(envelope('orders.order-placed', { orderId: 'o-1', total: 1 })));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'RETRY' });
  });

  it('when an event arrives for a topic the app does not subscribe to, or without an envelope, then Dapr hears DROP', async () => {
    const api = appWith([{ topic: 'orders.order-placed', schema: OrderPlaced, handler: async () => undefined }]);

    const unknown = await api
      .post('/events/catalog.product-changed')
      .set('content-type', 'application/cloudevents+json')
      .send(JSON.stringify(envelope('catalog.product-changed', {})));
    const bare = await api
      .post('/events/orders.order-placed')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ orderId: 'o-1', total: 1 }));

    expect(unknown.body).toEqual({ status: 'DROP' });
    expect(bare.body).toEqual({ status: 'DROP' });
  });

  it('when an event arrives without the app token, then it is a 401 and the handler is not called', async () => {
    const handler = jest.fn(async () => undefined);
    const app = createServiceApp({
      name: 'notifications',
      logger,
      routers: [routerFor([{ topic: 'orders.order-placed', schema: OrderPlaced, handler }]).router],
    });
    app.appToken = APP_TOKEN;

    const res = await request(app.callback())
      .post('/events/orders.order-placed')
      .set('content-type', 'application/cloudevents+json')
      .send(JSON.stringify(envelope('orders.order-placed', { orderId: 'o-1', total: '1' })));

    expect(res.status).toBe(401);
    expect(handler).not.toHaveBeenCalled();
  });
  it('when a handler keeps failing and Dapr dead-letters the event, then it is listed with the last error and attempts', async () => {
    const api = appWith([{ topic: 'orders.order-placed', schema: OrderPlaced, handler: async () => Promise.reject(new Error('mail server down')) }]);
    const event = envelope('orders.order-placed', { orderId: 'o-1', total: '1' });
    const post = (topic: string) => api.post(`/events/${topic}`).set('content-type', 'application/cloudevents+json').send(JSON.stringify(event));

    expect((await post('orders.order-placed')).body).toEqual({ status: 'RETRY' });
    expect((await post('orders.order-placed')).body).toEqual({ status: 'RETRY' });
    expect((await post('orders.order-placed.notifications.dead-letter')).body).toEqual({ status: 'SUCCESS' });
    await post('orders.order-placed.notifications.dead-letter');

    const letters = await api.deadLetters.list();
    expect(letters).toEqual([
      expect.objectContaining({ topic: 'orders.order-placed', error: 'mail server down', attempts: 2, event: expect.objectContaining({ id: 'evt-1' }) }),
    ]);
  });

  it('when a dead letter is replayed and its handler now succeeds, then it is delivered once and forgotten', async () => {
    let failing = true;
    const seen: string[] = [];
    const api = appWith([
      {
        topic: 'orders.order-placed',
        schema: OrderPlaced,
        handler: async (e) => {
          if (failing) throw new Error('not yet');
          seen.push(e.data.orderId);
        },
      },
    ]);
    await api
      .post('/events/orders.order-placed.notifications.dead-letter')
      .set('content-type', 'application/cloudevents+json')
      .send(JSON.stringify(envelope('orders.order-placed', { orderId: 'o-7', total: '1' })));
    const [letter] = await api.deadLetters.list();

    expect(await api.deadLetters.replay(letter!.id)).toBe(true);
    expect((await api.deadLetters.list())[0]).toMatchObject({ error: 'not yet', attempts: 1 });
    failing = false;
    expect(await api.deadLetters.replay(letter!.id)).toBe(true);

    expect(seen).toEqual(['o-7']);
    expect(await api.deadLetters.list()).toEqual([]);
    expect(await api.deadLetters.replay(letter!.id)).toBe(false);
  });
});
