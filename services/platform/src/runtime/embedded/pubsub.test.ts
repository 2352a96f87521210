import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { z } from 'zod';
import { createLogger } from '../../logger';
import { testDatabaseUrl } from '../../testing/database-url';
import { eventually } from '../../testing/eventually';
import type { CloudEvent, Subscription } from '../port';
import { EmbeddedBus, type BusOptions } from './pubsub';
import { createRuntimeTables } from './schema';

const logger = createLogger({ name: 'test', level: 'silent' });

const OrderPlaced = z.object({ orderId: z.string(), total: z.number() });
type OrderPlaced = z.infer<typeof OrderPlaced>;

const fast: BusOptions = { backoffMs: 40, maxBackoffMs: 400, maxAttempts: 3, pollMs: 20, notifiedPollMs: 20 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A subscription that records what it received, with a handler that may fail. */
function recorder<T>(topic: string, schema: z.ZodType<T>, fail: (attempt: number) => boolean = () => false) {
  const received: Array<{ event: CloudEvent<T>; at: number }> = [];
  let attempts = 0;
  const subscription: Subscription<T> = {
    topic,
    schema,
    handler: async (event) => {
      attempts++;
      if (fail(attempts)) throw new Error(`handler failed on attempt ${attempts}`);
      received.push({ event, at: Date.now() });
    },
  };
  return {
    subscription,
    received,
    get attempts() {
      return attempts;
    },
  };
}

describe('EmbeddedBus', () => {
  let pool: Pool;
  let schema: string;
  const buses: EmbeddedBus[] = [];
  const topic = () => `order.placed.${randomBytes(3).toString('hex')}`;
  const bus = (options: BusOptions = fast, on = pool) => {
    const created = new EmbeddedBus(on, schema, logger, options);
    buses.push(created);
    return created;
  };
  const rows = async (t: string) =>
    (
      await pool.query<{ subscriber: string; attempts: number; dead: boolean; last_error: string | null }>(
        `select subscriber, attempts, dead, last_error from ${schema}.deliveries where topic = $1 order by id`,
        [t],
      )
    ).rows;

  beforeAll(async () => {
    // Each started bus holds a connection of its own for LISTEN.
    pool = new Pool({ connectionString: testDatabaseUrl(), max: 8 });
    schema = `bus_${randomBytes(4).toString('hex')}`;
    await createRuntimeTables(pool, schema);
  });
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.stop()));
    await pool.query(`delete from ${schema}.deliveries`);
  });
  afterAll(async () => {
    await pool.query(`drop schema ${schema} cascade`);
    await pool.end();
  });

  it('when an event is published, then each subscribing app gets it exactly once as a CloudEvent', async () => {
    const t = topic();
    const b = bus();
    const inventory = recorder(t, OrderPlaced);
    const notifications = recorder(t, OrderPlaced);
    const bystander = recorder(topic(), OrderPlaced);
    b.subscribe('inventory', [inventory.subscription]);
    b.subscribe('notifications', [notifications.subscription]);
    b.subscribe('payments', [bystander.subscription]);
    b.start();
    const id = randomUUID();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

    await b.publish('orders', t, { orderId: 'o-1', total: 1999 }, { id, traceparent });
    await b.idle();
    await sleep(100);

    expect(inventory.received).toHaveLength(1);
    expect(notifications.received).toHaveLength(1);
    expect(bystander.received).toHaveLength(0);
    expect(inventory.received[0]!.event).toMatchObject({
      id,
      source: 'orders',
      type: t,
      topic: t,
      specversion: '1.0',
      datacontenttype: 'application/json',
      traceparent,
      data: { orderId: 'o-1', total: 1999 },
    });
    expect(await rows(t)).toEqual([]);
  });

  it('when a topic has no subscribers, then publishing stores nothing', async () => {
    const t = topic();
    const b = bus();
    b.start();

    await b.publish('orders', t, { orderId: 'o-1', total: 1 });

    expect(await rows(t)).toEqual([]);
  });

  it('when a handler fails, then it is retried with growing backoff and the event is delivered once it succeeds', async () => {
    const t = topic();
    const b = bus({ ...fast, maxAttempts: 5 });
    const attemptsAt: number[] = [];
    const flaky = recorder(t, OrderPlaced, (attempt) => {
      attemptsAt.push(Date.now());
      return attempt <= 2;
    });
    b.subscribe('inventory', [flaky.subscription]);
    b.start();

    await b.publish('orders', t, { orderId: 'o-2', total: 5 });
    await eventually(() => flaky.received.length === 1);

    expect(flaky.attempts).toBe(3);
    const gaps = [attemptsAt[1]! - attemptsAt[0]!, attemptsAt[2]! - attemptsAt[1]!];
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(75);
    await b.idle();
    expect(await rows(t)).toEqual([]);
  });

  it('when a handler fails on every attempt, then after maxAttempts the event goes to <topic>.<subscriber>.dead-letter', async () => {
    const t = topic();
    const b = bus();
    const broken = recorder(t, OrderPlaced, () => true);
    const deadLetters = recorder(`${t}.inventory.dead-letter`, OrderPlaced);
    b.subscribe('inventory', [broken.subscription]);
    b.subscribe('ops', [deadLetters.subscription]);
    b.start();
    const id = randomUUID();

    await b.publish('orders', t, { orderId: 'o-3', total: 7 }, { id });
    await eventually(() => deadLetters.received.length === 1);
    await sleep(200);

    expect(broken.attempts).toBe(3);
    expect(deadLetters.received).toHaveLength(1);
    expect(deadLetters.received[0]!.event).toMatchObject({ id, topic: `${t}.inventory.dead-letter`, source: 'orders', data: { orderId: 'o-3', total: 7 } });
    expect(await rows(t)).toEqual([expect.objectContaining({ subscriber: 'inventory', dead: true, last_error: 'handler failed on attempt 3' })]);
  });

  it('when an event is dead-lettered, then its subscriber lists it with error and attempts, and a replay delivers it once more', async () => {
    const t = topic();
    const b = bus();
    let healthy = false;
    const flaky = recorder(t, OrderPlaced, () => !healthy);
    b.subscribe('inventory', [flaky.subscription]);
    b.start();
    await b.publish('orders', t, { orderId: 'o-9', total: 2 });
    await eventually(async () => (await b.deadLettersOf('inventory').list()).some((l) => l.topic === t));

    const letter = (await b.deadLettersOf('inventory').list()).find((l) => l.topic === t)!;
    expect(letter).toMatchObject({ error: 'handler failed on attempt 3', attempts: 3, event: { data: { orderId: 'o-9', total: 2 } } });
    expect(Date.parse(letter.failedAt)).not.toBeNaN();
    expect(await b.deadLettersOf('notifications').replay(letter.id)).toBe(false);

    healthy = true;
    expect(await b.deadLettersOf('inventory').replay(letter.id)).toBe(true);
    await eventually(() => flaky.received.length === 1);

    expect(await rows(t)).toEqual([]);
    expect(await b.deadLettersOf('inventory').replay(letter.id)).toBe(false);
  });

  it('when a subscription names its own dead-letter topic, then exhausted events go there', async () => {
    const t = topic();
    const b = bus();
    const custom = `${t}.parked`;
    const broken = recorder(t, OrderPlaced, () => true);
    const parked = recorder(custom, OrderPlaced);
    b.subscribe('inventory', [{ ...broken.subscription, deadLetterTopic: custom }]);
    b.subscribe('ops', [parked.subscription]);
    b.start();

    await b.publish('orders', t, { orderId: 'o-4', total: 1 });
    await eventually(() => parked.received.length === 1);

    expect(parked.received[0]!.event.topic).toBe(custom);
  });

  it('when event data fails the subscription schema, then it goes straight to dead-letter without calling the handler', async () => {
    const t = topic();
    const b = bus({ ...fast, maxAttempts: 8 });
    const strict = recorder(t, OrderPlaced);
    const deadLetters = recorder(`${t}.inventory.dead-letter`, z.unknown());
    b.subscribe('inventory', [strict.subscription]);
    b.subscribe('ops', [deadLetters.subscription]);
    b.start();

    await b.publish('orders', t, { orderId: 42 });
    await eventually(() => deadLetters.received.length === 1);

    expect(strict.attempts).toBe(0);
    expect(deadLetters.received[0]!.event.data).toEqual({ orderId: 42 });
    const [row] = await rows(t);
    expect(row).toMatchObject({ dead: true, attempts: 0 });
    expect(row!.last_error).toMatch(/^invalid event/);
  });

  it('when the bus stops before delivering, then a new bus on the same tables delivers the event after start()', async () => {
    const t = topic();
    const first = bus();
    const lost = recorder(t, OrderPlaced);
    first.subscribe('inventory', [lost.subscription]);
    first.start();
    await first.stop();
    await first.publish('orders', t, { orderId: 'o-5', total: 3 });
    await sleep(100);
    const restartedPool = new Pool({ connectionString: testDatabaseUrl(), max: 2 });
    try {
      const second = bus(fast, restartedPool);
      const recovered = recorder(t, OrderPlaced);
      second.subscribe('inventory', [recovered.subscription]);

      second.start();
      await eventually(() => recovered.received.length === 1);

      expect(lost.received).toHaveLength(0);
      expect(recovered.received[0]!.event.data).toEqual({ orderId: 'o-5', total: 3 });
    } finally {
      await Promise.all(buses.splice(0).map((b) => b.stop()));
      await restartedPool.end();
    }
  });

  it('when a delivery was waiting on a retry at shutdown, then the new bus resumes its attempt count', async () => {
    const t = topic();
    const first = bus({ ...fast, backoffMs: 150 });
    const failing = recorder(t, OrderPlaced, () => true);
    first.subscribe('inventory', [failing.subscription]);
    first.start();
    await first.publish('orders', t, { orderId: 'o-6', total: 3 });
    await eventually(() => failing.attempts === 1);
    await first.stop();

    const second = bus();
    const stillFailing = recorder(t, OrderPlaced, () => true);
    const deadLetters = recorder(`${t}.inventory.dead-letter`, OrderPlaced);
    second.subscribe('inventory', [stillFailing.subscription]);
    second.subscribe('ops', [deadLetters.subscription]);
    second.start();
    await eventually(() => deadLetters.received.length === 1);

    expect(failing.attempts + stillFailing.attempts).toBe(3);
  });

  it('when every subscriber is in this process and a handler fails, then its retry wakes the bus when due, with no fast poll', async () => {
    const t = topic();
    const flaky = recorder(t, OrderPlaced, (attempt) => attempt === 1);
    // A ten-minute poll: only the publish's own kick and the retry's timer can deliver.
    const b = bus({ ...fast, pollMs: 600_000, notifiedPollMs: 600_000 });
    b.subscribe('notifications', [flaky.subscription]);
    b.start();

    await b.publish('orders', t, { orderId: 'o-9', total: 4 });
    await eventually(() => flaky.received.length === 1, { what: 'the retried delivery', timeoutMs: 30_000 });

    expect(flaky.attempts).toBe(2);
  });

  it('when another process publishes for this one, then a notification wakes it at once on a real server, and its poll finds the event on PGlite', async () => {
    const t = topic();
    const received = recorder(t, OrderPlaced);
    // A poll of ten minutes once notifications are proven: only a notification can deliver in time.
    const consumer = bus({ ...fast, pollMs: 50, notifiedPollMs: 600_000, remoteSubscribers: () => [] });
    consumer.subscribe('notifications', [received.subscription]);
    consumer.start();
    const producer = bus({ ...fast, remoteSubscribers: () => ['notifications'] });
    producer.start();
    const wakeups = await consumer.wakeups;

    await producer.publish('orders', t, { orderId: 'o-8', total: 3 });
    await eventually(() => received.received.length === 1, { what: 'the event in the other process', timeoutMs: 60_000 });

    // PGlite serves every socket connection from one session, so LISTEN on one never hears another.
    expect(wakeups).toBe(process.env.SHOPMESH_TEST_DATABASE_URL ? 'notify' : 'poll');
    expect(received.received[0]!.event.data).toEqual({ orderId: 'o-8', total: 3 });
  });

  it('when stored deliveries name an app that no longer subscribes, then they neither starve new events nor keep idle() waiting', async () => {
    const stale = topic();
    const orphan = JSON.stringify({ id: randomUUID(), source: 'orders', topic: stale, data: {} });
    await pool.query(`insert into ${schema}.deliveries (subscriber, topic, event) select 'retired-app', $1, $2 from generate_series(1, 100)`, [stale, orphan]);
    const t = topic();
    const b = bus();
    const live = recorder(t, OrderPlaced);
    b.subscribe('inventory', [live.subscription]);
    b.start();

    await b.publish('orders', t, { orderId: 'o-7', total: 1 });
    await eventually(() => live.received.length === 1, 'the live subscriber to get its event past the orphans');
    await b.idle();

    expect(live.received).toHaveLength(1);
  });
});
