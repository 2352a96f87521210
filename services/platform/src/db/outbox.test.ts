import { randomBytes } from 'node:crypto';
import { EntitySchema, type MikroORM } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';
import { newScope, runInScope } from '../context';
import { createLogger } from '../logger';
import type { PubSub } from '../runtime/port';
import type { ServiceDatabase } from '../service';
import { testDatabaseUrl } from '../testing/database-url';
import { eventually } from '../testing/eventually';
import { openServiceDatabase } from './orm';
import { createOutboxRelay, recordEvent, type OutboxRelay } from './outbox';

const logger = createLogger({ name: 'test', level: 'silent' });

interface Widget {
  id: string;
  name: string;
}

const WidgetSchema = new EntitySchema<Widget>({
  name: 'Widget',
  tableName: 'widget',
  properties: { id: { type: 'uuid', primary: true }, name: { type: 'string' } },
});

class CreateWidgets extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table widget (id uuid primary key, name text not null)');
  }
}

const database: ServiceDatabase = { entities: [WidgetSchema], migrations: [{ name: '001-widgets', class: CreateWidgets }] };

interface Published {
  topic: string;
  data: unknown;
  id?: string;
  traceparent?: string;
}

/** A broker stand-in: records what was published, optionally slowly or failing. */
function recordingPubSub(options: { delayMs?: number; failTimes?: number } = {}) {
  const published: Published[] = [];
  let failures = options.failTimes ?? 0;
  const pubsub: PubSub = {
    async publish(topic, data, opts = {}) {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (failures > 0) {
        failures--;
        throw new Error('broker unavailable');
      }
      published.push({ topic, data, ...opts });
    },
  };
  return { pubsub, published };
}

describe('outbox', () => {
  const schema = `outbox_${randomBytes(4).toString('hex')}`;
  const target = { url: testDatabaseUrl(), schema, poolSize: 4, searchPath: [schema] };
  let orm: MikroORM;
  const relays: OutboxRelay[] = [];
  const relayFor = (pubsub: PubSub, options: { intervalMs?: number; batch?: number } = {}, on = orm) => {
    const relay = createOutboxRelay(on, pubsub, logger, options);
    relays.push(relay);
    return relay;
  };
  const commit = (events: Array<{ topic: string; data: unknown }>) =>
    orm.em.fork().transactional(async (em) => {
      em.create(WidgetSchema, { id: crypto.randomUUID(), name: 'sprocket' });
      return events.map((e) => recordEvent(em, e.topic, e.data));
    });
  const unpublished = async () =>
    Number((await orm.em.getConnection().execute<{ n: string }[]>(`select count(*) as n from "${schema}".outbox where published_at is null`))[0]!.n);

  beforeAll(async () => {
    orm = await openServiceDatabase(database, target, logger);
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await orm.em.getConnection().execute(`delete from "${schema}".outbox`);
  });
  afterAll(async () => {
    await orm.em.getConnection().execute(`drop schema "${schema}" cascade`);
    await orm.close(true);
  });

  it('when recordEvent runs in a transaction that rolls back, then neither the change nor an event is kept or published', async () => {
    const { pubsub, published } = recordingPubSub();
    const widgetId = crypto.randomUUID();

    await expect(
      orm.em.fork().transactional(async (em) => {
        em.create(WidgetSchema, { id: widgetId, name: 'doomed' });
        recordEvent(em, 'widget.created', { widgetId });
        await em.flush();
        throw new Error('validation failed after the write');
      }),
    ).rejects.toThrow('validation failed');
    await relayFor(pubsub).drain();

    expect(published).toEqual([]);
    expect(await unpublished()).toBe(0);
    expect(await orm.em.fork().findOne(WidgetSchema, { id: widgetId })).toBeNull();
  });

  it('when the transaction commits inside a request, then the event is published once with the outbox id as its CloudEvent id and the request traceparent', async () => {
    const { pubsub, published } = recordingPubSub();
    const scope = newScope(logger, { parent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
    const traceparent = scope.traceparent;
    const [id] = await runInScope(scope, () => commit([{ topic: 'widget.created', data: { name: 'sprocket', qty: 2 } }]));
    const relay = relayFor(pubsub);

    await relay.drain();
    await relay.drain();

    expect(published).toEqual([{ topic: 'widget.created', data: { name: 'sprocket', qty: 2 }, id, traceparent }]);
    expect(await unpublished()).toBe(0);
  });

  it('when several events are committed one after another, then they are published oldest first', async () => {
    const { pubsub, published } = recordingPubSub();
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push(...(await commit([{ topic: 'widget.created', data: { n } }])));
      await new Promise((r) => setTimeout(r, 5));
    }

    await relayFor(pubsub).drain();

    expect(published.map((p) => p.id)).toEqual(ids);
  });

  it('when more rows wait than one batch holds, then drain publishes them all', async () => {
    const { pubsub, published } = recordingPubSub();
    await commit(Array.from({ length: 12 }, (_, n) => ({ topic: 'widget.created', data: { n } })));

    await relayFor(pubsub, { batch: 5 }).drain();

    expect(published).toHaveLength(12);
    expect(await unpublished()).toBe(0);
  });

  it('when two relays (separate ORMs, as two replicas) drain concurrently, then every row is published exactly once', async () => {
    const other = await openServiceDatabase(database, target, logger);
    try {
      const a = recordingPubSub({ delayMs: 2 });
      const b = recordingPubSub({ delayMs: 2 });
      const ids = await commit(Array.from({ length: 30 }, (_, n) => ({ topic: 'widget.created', data: { n } })));

      await Promise.all([relayFor(a.pubsub, { batch: 4 }).drain(), relayFor(b.pubsub, { batch: 4 }, other).drain()]);

      const all = [...a.published, ...b.published].map((p) => p.id!);
      expect(all.sort()).toEqual([...ids].sort());
      expect(new Set(all).size).toBe(30);
    } finally {
      await Promise.all(relays.splice(0).map((r) => r.stop()));
      await other.close(true);
    }
  });

  it('when publishing fails, then the row stays unpublished and is published once its lease has expired', async () => {
    const { pubsub, published } = recordingPubSub({ failTimes: 1 });
    const [id] = await commit([{ topic: 'widget.created', data: { n: 1 } }]);
    const relay = relayFor(pubsub);

    await relay.drain();
    const afterFailure = await unpublished();
    await orm.em.getConnection().execute(`update "${schema}".outbox set claimed_until = now() - interval '1 second'`);
    await relay.drain();

    expect(afterFailure).toBe(1);
    expect(published.map((p) => p.id)).toEqual([id]);
    expect(await unpublished()).toBe(0);
  });

  it('when a row is leased by another relay, then this relay leaves it alone', async () => {
    const { pubsub, published } = recordingPubSub();
    await commit([{ topic: 'widget.created', data: { n: 1 } }]);
    await orm.em.getConnection().execute(`update "${schema}".outbox set claimed_until = now() + interval '30 seconds'`);

    await relayFor(pubsub).drain();

    expect(published).toEqual([]);
  });

  it('when a started relay is nudged after a commit, then it publishes without waiting for its poll interval', async () => {
    const { pubsub, published } = recordingPubSub();
    const relay = relayFor(pubsub, { intervalMs: 60_000 });
    relay.start();
    await relay.drain();

    const [id] = await commit([{ topic: 'widget.created', data: { n: 1 } }]);
    relay.nudge();
    await eventually(() => published.length === 1);

    expect(published[0]!.id).toBe(id);
  });

  it('when a relay starts, then it publishes what was committed while it was down, and polling picks up later commits', async () => {
    const { pubsub, published } = recordingPubSub();
    const [before] = await commit([{ topic: 'widget.created', data: { n: 1 } }]);
    const relay = relayFor(pubsub, { intervalMs: 50 });

    relay.start();
    await eventually(() => published.length === 1);
    const [after] = await commit([{ topic: 'widget.created', data: { n: 2 } }]);
    await eventually(() => published.length === 2);

    expect(published.map((p) => p.id)).toEqual([before, after]);
  });

  it('when a relay is stopped, then nudges publish nothing', async () => {
    const { pubsub, published } = recordingPubSub();
    const relay = relayFor(pubsub, { intervalMs: 20 });
    relay.start();
    await relay.stop();

    await commit([{ topic: 'widget.created', data: { n: 1 } }]);
    relay.nudge();
    await new Promise((r) => setTimeout(r, 150));

    expect(published).toEqual([]);
  });
});
