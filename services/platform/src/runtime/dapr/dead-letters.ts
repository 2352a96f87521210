import { randomUUID } from 'node:crypto';
import { newScope, runInScope } from '../../context';
import { safeErrorMessage } from '../../error-serializer';
import { isStaleState } from '../../errors';
import type { Logger } from '../../logger';
import { DEAD_LETTER_PAGE } from '../dead-letter-topic';
import type { CloudEvent, DeadLetter, DeadLetters, StateStore, Subscription } from '../port';

const KEY = 'dead-letters';
const WRITE_ATTEMPTS = 16;
/** Failures remembered for events that may yet be dead-lettered; old ones make way. */
const REMEMBERED_FAILURES = 1_000;

/**
 * Runs `subscription`'s handler for one event whose data its schema already parsed, in the event's
 * trace; throws what the handler throws.
 */
export async function deliverEvent(subscription: Subscription<any>, event: CloudEvent, logger: Logger): Promise<void> {
  const scope = newScope(logger, { parent: event.traceparent, requestId: event.id, bindings: { topic: subscription.topic } });
  await runInScope(scope, () => subscription.handler({ ...event, topic: subscription.topic }));
}

/** The Dapr adapter's dead letters: what the subscription routes feed it, on top of {@link DeadLetters}. */
export interface DaprDeadLetterKeeper extends DeadLetters {
  /** Remembers why the handler failed an event, for the dead letter it may become. */
  failed(event: Pick<CloudEvent, 'id'>, error: string): void;
  /** Keeps an event Dapr dead-lettered from `topic` after its last delivery attempt. */
  keep(topic: string, event: CloudEvent): Promise<void>;
}

/**
 * Dapr delivers a dead-lettered event to the subscription's dead-letter topic and keeps nothing about
 * why; this keeper subscribes to those topics and keeps each event in the app's own state (Dapr prefixes
 * keys with the app id), with the last error this replica saw, so the ops view can list and replay them.
 * A replay runs the app's handler directly: only this app's delivery failed, so only it must retry.
 */
export function createDaprDeadLetters(state: StateStore, subscriptions: () => readonly Subscription<any>[], logger: Logger): DaprDeadLetterKeeper {
  const failures = new Map<string, { error: string; attempts: number }>();

  const update = async (change: (items: DeadLetter[]) => DeadLetter[]): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      const current = await state.get<DeadLetter[]>(KEY);
      const next = change(current?.value ?? []).slice(0, DEAD_LETTER_PAGE);
      try {
        await state.save(KEY, next, current ? { etag: current.etag } : { onlyIfAbsent: true });
        return;
      } catch (err) {
        if (!isStaleState(err) || attempt >= WRITE_ATTEMPTS) throw err;
      }
    }
  };

  return {
    failed(event, error) {
      const seen = failures.get(event.id);
      failures.delete(event.id);
      failures.set(event.id, { error, attempts: (seen?.attempts ?? 0) + 1 });
      if (failures.size > REMEMBERED_FAILURES) failures.delete(failures.keys().next().value!);
    },

    async keep(topic, event) {
      const failure = failures.get(event.id);
      failures.delete(event.id);
      const letter: DeadLetter = {
        id: randomUUID(),
        topic,
        ...(failure ? { error: failure.error, attempts: failure.attempts } : {}),
        failedAt: new Date().toISOString(),
        event: { ...event, topic },
      };
      logger.error({ topic, eventId: event.id, why: failure?.error }, 'dapr pubsub: event dead-lettered');
      // Dapr redelivers a dead letter whose handler failed, so one event is kept once.
      await update((items) => (items.some((i) => i.event.id === event.id && i.topic === topic) ? items : [letter, ...items]));
    },

    list: async () => (await state.get<DeadLetter[]>(KEY))?.value ?? [],

    async replay(id) {
      const letter = (await state.get<DeadLetter[]>(KEY))?.value.find((i) => i.id === id);
      if (!letter) return false;
      const subscription = subscriptions().find((s) => s.topic === letter.topic);
      try {
        if (!subscription) throw new Error(`no subscription to ${letter.topic} any more`);
        await deliverEvent(subscription, { ...letter.event, data: subscription.schema.parse(letter.event.data) }, logger);
        await update((items) => items.filter((i) => i.id !== id));
      } catch (err) {
        const error = safeErrorMessage(err);
        logger.warn({ err, topic: letter.topic, eventId: letter.event.id }, 'dapr pubsub: replayed dead letter failed again');
        await update((items) => items.map((i) => (i.id === id ? { ...i, error, attempts: (i.attempts ?? 0) + 1, failedAt: new Date().toISOString() } : i)));
      }
      return true;
    },
  };
}
