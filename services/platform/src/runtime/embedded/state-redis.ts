import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { staleState } from '../../errors';
import { emissionInterval, GCRA_TOLERANCE_MS, throttleResult } from '../gcra';
import type { SaveOptions, StateEntry, StateStore } from '../port';

// Compare-and-set in one round trip: Redis runs a script atomically, so no other write can slip between
// the ETag check and the update. ARGV: expected etag ('' = unconditional, '*' = only if absent), new
// etag, value, ttl ms (0 = none).
const SAVE = `
local current = redis.call('HGET', KEYS[1], 'etag')
if ARGV[1] == '*' then
  if current then return 0 end
elseif ARGV[1] ~= '' and current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'etag', ARGV[2], 'value', ARGV[3])
if tonumber(ARGV[4]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) else redis.call('PERSIST', KEYS[1]) end
return 1`;
const DELETE = `
if ARGV[1] ~= '' and redis.call('HGET', KEYS[1], 'etag') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1`;

// GCRA (see gcra.ts) as one script, so concurrent callers are serialised by Redis. Numbers go back as
// text: Redis would truncate a Lua number to an integer. ARGV: now, interval, period, tolerance, etag.
const THROTTLE = `
local now, interval, period = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local stored = tonumber(redis.call('HGET', KEYS[1], 'value'))
local base = now
if stored and stored > now then base = stored end
local nxt = base + interval
if nxt - now > period + tonumber(ARGV[4]) then return {0, string.format('%.6f', stored or now)} end
local text = string.format('%.6f', nxt)
redis.call('HSET', KEYS[1], 'etag', ARGV[5], 'value', text)
redis.call('PEXPIRE', KEYS[1], math.ceil(nxt - now) + 1000)
return {1, text}`;

/** The embedded state store on a real Redis (when REDIS_URL is set); same key layout as Dapr's. */
export function createRedisStateStore(redis: Redis, appId: string): StateStore {
  const k = (key: string) => `${appId}||${key}`;
  return {
    async throttle(key, rate, nowMs) {
      const [allowed, tat] = (await redis.eval(
        THROTTLE,
        1,
        k(key),
        String(nowMs),
        String(emissionInterval(rate)),
        String(rate.periodMs),
        String(GCRA_TOLERANCE_MS),
        randomUUID(),
      )) as [number, string];
      return throttleResult(Number(tat), allowed === 1, rate, nowMs);
    },
    async get<T>(key: string) {
      const [etag, value] = await redis.hmget(k(key), 'etag', 'value');
      return etag && value ? { value: JSON.parse(value) as T, etag } : undefined;
    },
    async save<T>(key: string, value: T, options: SaveOptions = {}) {
      const etag = randomUUID();
      const ok = await redis.eval(
        SAVE,
        1,
        k(key),
        options.onlyIfAbsent ? '*' : (options.etag ?? ''),
        etag,
        JSON.stringify(value),
        String((options.ttlSeconds ?? 0) * 1000),
      );
      if (ok !== 1) throw staleState(key);
      return etag;
    },
    async delete(key, options = {}) {
      const ok = await redis.eval(DELETE, 1, k(key), options.etag ?? '');
      if (ok !== 1 && options.etag !== undefined) throw staleState(key);
    },
    async getBulk<T>(keys: string[]) {
      const out = new Map<string, StateEntry<T>>();
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.hmget(k(key), 'etag', 'value');
      const results = (await pipeline.exec()) ?? [];
      results.forEach(([, fields], i) => {
        const [etag, value] = fields as [string | null, string | null];
        if (etag && value) out.set(keys[i]!, { value: JSON.parse(value) as T, etag });
      });
      return out;
    },
  };
}
