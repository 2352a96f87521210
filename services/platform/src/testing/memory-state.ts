import { staleState } from '../errors';
import { gcra } from '../runtime/gcra';
import type { StateEntry, StateStore } from '../runtime/port';

/**
 * A state store in memory with the port's whole contract (etags, create-if-absent, throttle), for
 * tests that fake a service's infrastructure. TTLs are not enforced.
 */
export function createMemoryStateStore(): StateStore {
  const entries = new Map<string, StateEntry<unknown>>();
  let version = 0;
  return {
    async get<T>(key: string) {
      return entries.get(key) as StateEntry<T> | undefined;
    },
    async save(key, value, options = {}) {
      const current = entries.get(key);
      if (options.onlyIfAbsent ? current !== undefined : options.etag !== undefined && current?.etag !== options.etag) {
        throw staleState(key, options.onlyIfAbsent ? 'already exists' : undefined);
      }
      const etag = String(++version);
      entries.set(key, { value: structuredClone(value), etag });
      return etag;
    },
    async delete(key, options = {}) {
      if (options.etag !== undefined && entries.get(key)?.etag !== options.etag) throw staleState(key);
      entries.delete(key);
    },
    async getBulk<T>(keys: string[]) {
      return new Map(keys.flatMap((k) => (entries.has(k) ? [[k, entries.get(k) as StateEntry<T>] as const] : [])));
    },
    async throttle(key, rate, nowMs) {
      const step = gcra(entries.get(key)?.value as number | undefined, rate, nowMs);
      if (step.result.allowed) entries.set(key, { value: step.tat, etag: String(++version) });
      return step.result;
    },
  };
}
