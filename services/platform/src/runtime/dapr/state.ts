import { StateConcurrencyEnum, StateConsistencyEnum, type DaprClient } from '@dapr/dapr';
import { staleState } from '../../errors';
import { emissionInterval, gcra, tatTtlSeconds } from '../gcra';
import type { SaveOptions, StateEntry, StateStore } from '../port';

/** The part of the SDK's state client the adapter uses (the gRPC DaprClient's `state`). */
export type DaprStateClient = Pick<DaprClient['state'], 'save' | 'getBulk' | 'delete'>;

// gRPC status codes daprd answers with for ETag errors (pkg/api/grpc: Aborted = mismatch, InvalidArgument = malformed).
const ABORTED = 10;
const INVALID_ARGUMENT = 3;

// An etag no store ever issues; handed out when our write was overtaken before we could read its etag,
// so the caller's next conditional save fails as it should.
const OVERTAKEN_ETAG = 'overtaken';

/**
 * Dapr's state API has no atomic increment or script, so a throttle step is a read and a first-write
 * save (under the read's etag, or insert-only when the key was absent), retried after a random pause
 * when another caller won, so a burst of callers on one key (one client IP) spreads out instead of
 * colliding again. Losing this many races in a row is refused (a 429 with one interval's Retry-After)
 * rather than let through uncounted.
 */
export const THROTTLE_ATTEMPTS = 32;

/**
 * The Dapr state building block as the port's StateStore. Values are stored as JSON text so every
 * value (including strings) round-trips unchanged. Saves with an etag use first-write-wins; TTL goes
 * in the `ttlInSeconds` metadata. Dapr's save API does not answer the new etag, so `save` reads it
 * back and returns it only if the stored value is still the one it wrote.
 */
export function createDaprStateStore(client: DaprStateClient, storeName: string): StateStore {
  const read = async <T>(keys: string[]): Promise<Map<string, StateEntry<T> & { raw: string }>> => {
    const out = new Map<string, StateEntry<T> & { raw: string }>();
    if (keys.length === 0) return out;
    const items = await client.getBulk(storeName, keys);
    for (const item of items) {
      const { key, data, etag } = item as { key: string; data: unknown; etag?: string };
      // A missing key comes back with no etag and empty data (the SDK leaves unparsable text as a string).
      if (!etag && (data === '' || data === undefined)) continue;
      out.set(key, { value: data as T, etag: etag ?? '', raw: JSON.stringify(data) });
    }
    return out;
  };

  return {
    async throttle(key, rate, nowMs) {
      for (let attempt = 0; attempt < THROTTLE_ATTEMPTS; attempt++) {
        const current = (await read<number>([key])).get(key);
        const step = gcra(current?.value, rate, nowMs);
        if (!step.result.allowed) return step.result;
        try {
          await client.save(storeName, [
            {
              key,
              value: JSON.stringify(step.tat),
              ...(current ? { etag: current.etag } : {}),
              metadata: { ttlInSeconds: String(tatTtlSeconds(step.tat, nowMs)) },
              options: { concurrency: StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE, consistency: StateConsistencyEnum.CONSISTENCY_STRONG },
            },
          ]);
          return step.result;
        } catch (err) {
          if (!asEtagConflict(err, key) && !isInsertRace(err)) throw err;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
        }
      }
      return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, Math.ceil(emissionInterval(rate))) };
    },

    async get<T>(key: string) {
      const entry = (await read<T>([key])).get(key);
      return entry ? { value: entry.value, etag: entry.etag } : undefined;
    },

    async save<T>(key: string, value: T, options: SaveOptions = {}) {
      const serialized = JSON.stringify(value);
      try {
        await client.save(storeName, [
          {
            key,
            value: serialized,
            ...(options.etag !== undefined ? { etag: options.etag } : {}),
            ...(options.ttlSeconds !== undefined ? { metadata: { ttlInSeconds: String(options.ttlSeconds) } } : {}),
            options: {
              // First-write without an etag means "insert only" in Dapr; the port's plain save is an upsert.
              concurrency:
                options.etag !== undefined || options.onlyIfAbsent ? StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE : StateConcurrencyEnum.CONCURRENCY_LAST_WRITE,
              consistency: StateConsistencyEnum.CONSISTENCY_STRONG,
            },
          },
        ]);
      } catch (err) {
        if (options.onlyIfAbsent && isInsertRace(err)) throw staleState(key, 'already exists');
        throw asEtagConflict(err, key) ?? err;
      }
      const stored = (await read<T>([key])).get(key);
      return stored && stored.raw === serialized ? stored.etag : OVERTAKEN_ETAG;
    },

    async delete(key, options = {}) {
      try {
        await client.delete(storeName, key, {
          ...(options.etag !== undefined ? { etag: options.etag, concurrency: StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE } : {}),
        });
      } catch (err) {
        throw asEtagConflict(err, key) ?? err;
      }
    },

    async getBulk<T>(keys: string[]) {
      const entries = await read<T>(keys);
      return new Map([...entries].map(([key, entry]) => [key, { value: entry.value, etag: entry.etag }]));
    },
  };
}

// state.redis refuses an insert-only write to a key that exists with "failed to set key"; other stores
// answer an etag error, which asEtagConflict already recognises.
const isInsertRace = (err: unknown): boolean => /failed to set key/i.test(String((err as { message?: unknown } | undefined)?.message));

/** The platform's 409 for a Dapr ETag error, or undefined for any other error. */
export function asEtagConflict(err: unknown, key: string) {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  const etagError = (code === ABORTED || code === INVALID_ARGUMENT) && /etag/i.test(String(message));
  return etagError ? staleState(key) : undefined;
}
