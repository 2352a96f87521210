import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { newScope, runInScope } from '../../context';
import type { Logger } from '../../logger';
import { deadLetterTopicOf, DEAD_LETTER_PAGE } from '../dead-letter-topic';
import type { CloudEvent, DeadLetter, DeadLetters, Subscription } from '../port';
import { safeErrorMessage } from '../../error-serializer';

interface Subscriber {
  appId: string;
  subscription: Subscription<any>;
  logger: Logger;
}

interface DeliveryRow {
  id: string;
  subscriber: string;
  topic: string;
  event: CloudEvent;
  attempts: number;
}

/** How long a claimed delivery stays invisible to other pumps; a crash mid-delivery retries after it. */
const CLAIM_SECONDS = 60;

/** Retry policy of the embedded bus. */
export interface BusOptions {
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  pollMs?: number;
  /**
   * The poll when nothing else can bring a delivery unannounced: every subscriber is in this process
   * (publishes and retries wake the bus themselves), or PostgreSQL's LISTEN/NOTIFY carries the other
   * processes' wake-ups (a real server). It only catches what those missed, so an idle shop does not
   * query several times a second.
   */
  notifiedPollMs?: number;
  /**
   * Apps in other processes subscribed to a topic (the multi-process host), so their deliveries are
   * stored too. Without it every subscriber is in this process.
   */
  remoteSubscribers?: (topic: string) => string[];
}

/**
 * In-process pub/sub with Dapr's delivery contract: at least once, retries with exponential backoff, and
 * a dead-letter topic after the last attempt. Each (event, subscriber) pair is a row in the host
 * database until it is handled, so a crash or restart loses nothing.
 */
export class EmbeddedBus {
  private readonly subscribers = new Map<string, Subscriber[]>();
  private readonly inflight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private pollMs: number;
  private readonly notifiedPollMs: number;
  private readonly remoteSubscribers: (topic: string) => string[];
  private readonly peers: boolean;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private listener: PoolClient | undefined;
  /** How other processes' deliveries reach this bus, known shortly after `start`: a notification or the poll. */
  wakeups: Promise<'notify' | 'poll'> = Promise.resolve('poll');
  private readonly channel: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly logger: Logger,
    options: BusOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoffMs = options.backoffMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.pollMs = options.pollMs ?? 250;
    this.notifiedPollMs = options.notifiedPollMs ?? 2_000;
    this.remoteSubscribers = options.remoteSubscribers ?? (() => []);
    this.peers = options.remoteSubscribers !== undefined;
    if (!this.peers) this.pollMs = this.notifiedPollMs;
    this.channel = `${schema}_deliveries`.replace(/[^a-z0-9_]/gi, '_').slice(0, 63);
  }

  /** Delivers the topics of `subscriptions` to `appId`; handlers run in the event's trace, logging to `logger`. */
  subscribe(appId: string, subscriptions: Subscription<any>[], logger: Logger = this.logger): void {
    for (const subscription of subscriptions) {
      const list = this.subscribers.get(subscription.topic) ?? [];
      list.push({ appId, subscription, logger });
      this.subscribers.set(subscription.topic, list);
    }
  }

  async publish(source: string, topic: string, data: unknown, options: { id?: string; traceparent?: string } = {}): Promise<void> {
    const event: CloudEvent = {
      id: options.id ?? randomUUID(),
      source,
      type: topic,
      specversion: '1.0',
      datacontenttype: 'application/json',
      time: new Date().toISOString(),
      topic,
      ...(options.traceparent ? { traceparent: options.traceparent } : {}),
      data,
    };
    const local = (this.subscribers.get(topic) ?? []).map((t) => t.appId);
    const remote = this.remoteSubscribers(topic).filter((app) => !local.includes(app));
    const targets = [...new Set([...local, ...remote])];
    if (targets.length === 0) return;
    const insert = `insert into ${this.schema}.deliveries (subscriber, topic, event) select unnest($1::text[]), $2, $3`;
    // Subscribers in other processes are woken by a notification sent with the rows (where the server
    // delivers notifications; otherwise their poll finds the rows).
    if (remote.length > 0) {
      await this.pool.query(`with rows as (${insert}) select pg_notify($4, '')`, [targets, topic, JSON.stringify(event), this.channel]);
    } else {
      await this.pool.query(insert, [targets, topic, JSON.stringify(event)]);
    }
    this.kick();
  }

  /**
   * Starts delivering. Claims left by a process that stopped mid-delivery are handed back first: the
   * embedded host runs one bus per database, so at start nothing else can be delivering them.
   */
  start(): void {
    this.stopped = false;
    // Only other processes need waking by notification.
    this.wakeups = this.peers ? this.listen() : Promise.resolve('poll');
    void this.pool
      .query(
        `update ${this.schema}.deliveries set next_attempt_at = now() where not dead and next_attempt_at > now() + interval '${CLAIM_SECONDS / 2} seconds'`,
      )
      .catch((err) => this.logger.warn({ err }, 'pubsub: could not release old claims'))
      .finally(() => {
        this.schedule();
        this.kick();
      });
  }

  /** Stops claiming and waits for the deliveries under way, so none is cut off halfway. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const retry of this.retryTimers) clearTimeout(retry);
    this.retryTimers.clear();
    const listener = this.listener;
    this.listener = undefined;
    // Closed rather than returned to the pool: the connection carries the session's LISTEN and our handler.
    listener?.release(true);
    await this.pumping;
    await Promise.allSettled(this.inflight.values());
  }

  /**
   * Listens for other processes' deliveries on a connection of its own. A notification sent to itself
   * proves the server delivers them (PGlite behind its socket does not: all connections share one
   * session); only then does the poll slow down to `notifiedPollMs`.
   */
  private async listen(): Promise<'notify' | 'poll'> {
    let listener: PoolClient | undefined;
    try {
      listener = await this.pool.connect();
      const client = listener;
      const proven = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 5_000);
        timer.unref();
        client.on('notification', (message) => {
          if (message.channel !== this.channel) return;
          clearTimeout(timer);
          resolve(true);
          this.kick();
        });
      });
      await client.query(`listen ${this.channel}`);
      await this.pool.query('select pg_notify($1, $2)', [this.channel, 'probe']);
      if (this.stopped) throw new Error('stopped');
      this.listener = client;
      if (!(await proven)) {
        // Nothing will ever arrive on it: the connection goes back, closed (unless stop() closed it already).
        if (this.listener === client) {
          this.listener = undefined;
          client.release(true);
        }
        return 'poll';
      }
      this.pollMs = this.notifiedPollMs;
      if (this.timer && !this.stopped) {
        clearTimeout(this.timer);
        this.schedule();
      }
      return 'notify';
    } catch (err) {
      if (!this.stopped) this.logger.warn({ err }, 'pubsub: no wake-up notifications; polling only');
      listener?.release(true);
      if (this.listener === listener) this.listener = undefined;
      return 'poll';
    }
  }

  /** `appId`'s dead letters: its deliveries that exhausted their attempts or failed validation. */
  deadLettersOf(appId: string): DeadLetters {
    return {
      list: async () => {
        const { rows } = await this.pool.query<{
          id: string;
          topic: string;
          event: CloudEvent;
          attempts: number;
          last_error: string | null;
          dead_at: Date | null;
        }>(
          `select id, topic, event, attempts, last_error, dead_at from ${this.schema}.deliveries
           where dead and subscriber = $1 order by id desc limit ${DEAD_LETTER_PAGE}`,
          [appId],
        );
        return rows.map((row): DeadLetter => ({
          id: String(row.id),
          topic: row.topic,
          ...(row.last_error === null ? {} : { error: row.last_error }),
          attempts: row.attempts,
          failedAt: (row.dead_at ?? new Date(0)).toISOString(),
          event: row.event,
        }));
      },
      replay: async (id) => {
        if (!/^\d{1,18}$/.test(id)) return false;
        // Back in the queue with a fresh budget of attempts; the pump delivers it like any due row.
        const { rowCount } = await this.pool.query(
          `update ${this.schema}.deliveries set dead = false, dead_at = null, attempts = 0, next_attempt_at = now()
           where id = $1 and subscriber = $2 and dead`,
          [id, appId],
        );
        this.kick();
        return rowCount === 1;
      },
    };
  }

  /** Resolves when nothing is due (deliveries waiting on a backoff do not count). */
  async idle(): Promise<void> {
    for (;;) {
      await this.pump();
      const [subscribers, topics] = this.registered();
      const { rows } = await this.pool.query(
        `select 1 from ${this.schema}.deliveries d join unnest($1::text[], $2::text[]) as r(subscriber, topic)
           on d.subscriber = r.subscriber and d.topic = r.topic
         where not d.dead and d.next_attempt_at <= now() limit 1`,
        [subscribers, topics],
      );
      if (rows.length === 0 && this.inflight.size === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The (subscriber, topic) pairs subscribed in this process, as two parallel arrays for unnest. */
  private registered(): [string[], string[]] {
    const pairs = [...this.subscribers.entries()].flatMap(([topic, list]) => list.map((s) => [s.appId, topic] as const));
    return [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.kick();
      if (!this.stopped) this.schedule();
    }, this.pollMs);
    this.timer.unref();
  }

  private kick(): void {
    if (!this.stopped) void this.pump();
  }

  private pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      do {
        this.again = false;
        // Only deliveries someone here subscribes to: rows for an app that is not running in this
        // process wait for it instead of filling every batch.
        const [subscribers, topics] = this.registered();
        // Claiming is one statement that pushes the rows' due time past the lease: a row is handed to
        // one delivery at a time, even when a delivery ends between this query and the next.
        const { rows } = await this.pool.query<DeliveryRow>(
          `update ${this.schema}.deliveries set next_attempt_at = now() + interval '${CLAIM_SECONDS} seconds'
           where id in (
             select d.id from ${this.schema}.deliveries d
             join unnest($1::text[], $2::text[]) as r(subscriber, topic) on d.subscriber = r.subscriber and d.topic = r.topic
             where not d.dead and d.next_attempt_at <= now() order by d.id limit 100 for update skip locked)
           returning id, subscriber, topic, event, attempts`,
          [subscribers, topics],
        );
        rows.sort((x, y) => Number(x.id) - Number(y.id));
        for (const row of rows) {
          const delivery = this.deliver(row).finally(() => {
            this.inflight.delete(row.id);
            this.kick();
          });
          this.inflight.set(row.id, delivery);
        }
      } while (this.again && !this.stopped);
    })()
      .catch((err) => this.logger.warn({ err }, 'pubsub: polling failed'))
      .finally(() => {
        this.pumping = undefined;
      });
    return this.pumping;
  }

  private async deliver(row: DeliveryRow): Promise<void> {
    const target = (this.subscribers.get(row.topic) ?? []).find((s) => s.appId === row.subscriber);
    if (!target) return;
    const parsed = target.subscription.schema.safeParse(row.event.data);
    if (!parsed.success) {
      await this.deadLetter(row, target, `invalid event: ${parsed.error.message}`);
      return;
    }
    try {
      const scope = newScope(target.logger, { parent: row.event.traceparent, requestId: row.event.id, bindings: { topic: row.topic } });
      await runInScope(scope, () => target.subscription.handler({ ...row.event, data: parsed.data }));
      await this.pool.query(`delete from ${this.schema}.deliveries where id = $1`, [row.id]);
    } catch (err) {
      const attempts = row.attempts + 1;
      if (attempts >= this.maxAttempts) {
        await this.deadLetter(row, target, safeErrorMessage(err), attempts);
        return;
      }
      const delay = Math.min(this.backoffMs * 2 ** (attempts - 1), this.maxBackoffMs);
      this.logger.warn({ err, topic: row.topic, subscriber: row.subscriber, attempts }, 'pubsub: handler failed, will retry');
      await this.pool.query(
        `update ${this.schema}.deliveries set attempts = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval, last_error = $4 where id = $1`,
        [row.id, attempts, String(delay), safeErrorMessage(err)],
      );
      // The retry wakes the bus when it falls due rather than waiting for a slow poll.
      const retry = setTimeout(() => {
        this.retryTimers.delete(retry);
        this.kick();
      }, delay);
      retry.unref();
      this.retryTimers.add(retry);
    }
  }

  private async deadLetter(row: DeliveryRow, target: Subscriber, why: string, attempts = row.attempts): Promise<void> {
    const topic = target.subscription.deadLetterTopic ?? deadLetterTopicOf(row.topic, target.appId);
    this.logger.error({ topic: row.topic, subscriber: row.subscriber, eventId: row.event.id, why }, 'pubsub: event dead-lettered');
    await this.pool.query(`update ${this.schema}.deliveries set dead = true, dead_at = now(), attempts = $3, last_error = $2 where id = $1`, [
      row.id,
      why,
      attempts,
    ]);
    await this.publish(row.event.source, topic, row.event.data, { id: row.event.id });
  }
}
