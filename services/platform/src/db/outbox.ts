import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { currentScope } from '../context';
import type { Logger } from '../logger';
import type { PubSub } from '../runtime/port';
import type { BackgroundTask } from '../service';
import { periodicTask } from '../tasks/periodic';
import { OutboxMessageSchema } from './messaging-tables';

/**
 * Queues an event in the outbox within the caller's unit of work; it is published after the
 * transaction commits, so an event is never sent for a change that rolled back. The outbox row id
 * becomes the CloudEvent id, which consumers deduplicate on; the ambient request's traceparent (see
 * `currentScope`) becomes the event's, so consumers continue the trace that caused it.
 */
export function recordEvent(em: EntityManager, topic: string, data: unknown): string {
  const id = randomUUID();
  const traceparent = currentScope()?.traceparent;
  em.create(OutboxMessageSchema, { id, topic, payload: data, ...(traceparent ? { traceparent } : {}), createdAt: new Date(), attempts: 0 });
  return id;
}

/** The outbox relay: publishes unpublished rows, oldest first; `nudge` after a commit cuts latency. */
export interface OutboxRelay extends BackgroundTask {
  nudge(): void;
  /** Publishes what is pending now; resolves when the outbox is drained or publishing fails. */
  drain(): Promise<void>;
}

/**
 * Publishes at once when nudged (every store nudges after its commit), and polls the outbox every
 * `intervalMs` (5 s by default) only for what a nudge missed: rows of a crashed relay, a failed publish
 * or another replica (a fast poll would cost an idle shop a query a second per service). Rows are
 * leased for 30 s, so several replicas can relay without publishing a row twice in the normal case; a
 * crash between publish and mark re-sends it, which consumers' inboxes absorb.
 */
export function createOutboxRelay(orm: MikroORM, pubsub: PubSub, logger: Logger, options: { intervalMs?: number; batch?: number } = {}): OutboxRelay {
  const intervalMs = options.intervalMs ?? 5000;
  const batch = options.batch ?? 50;
  const outbox = `"${orm.config.get('schema')}".outbox`;
  const publishBatch = async (): Promise<number> => {
    const connection = orm.em.getConnection();
    // Claim with one statement and publish outside any transaction: PGlite serves one transaction at
    // a time, so holding one open while the broker call writes elsewhere would wait on itself. The
    // lease keeps replicas off each other's rows; an expired lease (a crashed relay) frees them.
    // RETURNING keeps no order, so the claimed rows are sorted again: events leave oldest first.
    const rows = await connection.execute<{ id: string; topic: string; payload: unknown; traceparent: string | null }[]>(
      `with claimed as (
         update ${outbox} set claimed_until = now() + interval '30 seconds', attempts = attempts + 1
         where id in (select id from ${outbox} where published_at is null and (claimed_until is null or claimed_until < now())
                      order by created_at limit ? for update skip locked)
         returning id, topic, payload, traceparent, created_at)
       select id, topic, payload, traceparent from claimed order by created_at`,
      [batch],
    );
    for (const [i, row] of rows.entries()) {
      try {
        await pubsub.publish(row.topic, row.payload, { id: row.id, traceparent: row.traceparent ?? undefined });
      } catch (err) {
        // Hand the rest of the batch back at once rather than after the lease: the next drain retries it.
        await connection.execute(`update ${outbox} set claimed_until = null where id in (?)`, [rows.slice(i).map((r) => r.id)], 'run');
        throw err;
      }
      await connection.execute(`update ${outbox} set published_at = now() where id = ?`, [row.id], 'run');
    }
    return rows.length;
  };

  const task = periodicTask({
    name: 'outbox-relay',
    intervalMs,
    logger,
    runAtStart: true,
    // A full batch means more may be waiting.
    run: async () => {
      while ((await publishBatch()) === batch);
    },
  });
  return { ...task, drain: task.trigger };
}
