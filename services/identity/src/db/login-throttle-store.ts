import { isStaleState, type StateStore } from '@shopmesh/platform';
import type { LoginAttempts, LoginThrottleStore } from '../domain/ports';

// Attempts of one pair that lose this many ETag races in a row are refused for a second: such a burst
// is an attack on that pair, and refusing never admits an uncounted guess.
const ATTEMPTS = 5;

const pair = (account: string, clientIp: string) => `${account}|${clientIp}`;

/**
 * Login attempts in the state store: free attempts and the account ceiling through its atomic
 * throttle, a pair's delay record under its ETag (first-write-wins). Records expire once they would be
 * forgotten anyway.
 */
export function createStateLoginThrottle(state: StateStore, forgetAfterSeconds: number): LoginThrottleStore {
  return {
    async updatePair(account, clientIp, decide) {
      const key = `login|delay|${pair(account, clientIp)}`;
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const current = await state.get<LoginAttempts>(key);
        const step = await decide(current?.value);
        if (!step.write) return step.admission;
        try {
          await state.save(key, step.write, { ...(current ? { etag: current.etag } : {}), ttlSeconds: forgetAfterSeconds });
          return step.admission;
        } catch (err) {
          if (!isStaleState(err)) throw err;
        }
      }
      return { admitted: false, retryAfterSeconds: 1 };
    },
    spendFree: (account, clientIp, rate, nowMs) => state.throttle(`login|free|${pair(account, clientIp)}`, rate, nowMs),
    async clear(account, clientIp) {
      await Promise.all([state.delete(`login|delay|${pair(account, clientIp)}`), state.delete(`login|free|${pair(account, clientIp)}`)]);
    },
    spendAccount: (account, rate, nowMs) => state.throttle(`login|account|${account}`, rate, nowMs),
  };
}
