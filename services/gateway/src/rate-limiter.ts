import { DomainError, type Clock, type Logger, type StateStore } from '@shopmesh/platform';
import { counterKey, decide, type RateBudget, type RateDecision } from './domain/rate-limit';

/** Counts requests per subject against a budget. */
export interface RateLimiter {
  hit(scope: string, subject: string, budget: RateBudget): Promise<RateDecision>;
}

const ATTEMPTS = 4;

/**
 * Counters in the shared state store, so every gateway replica spends the same budget. Each hit is a
 * read and an ETag-guarded write, retried on a lost race. The store cannot create a key only if it is
 * absent, so two replicas starting the same window may both write 1: that costs one request of slack.
 * When the store fails the request is let through: a broken limiter must not take the shop down.
 */
export function createStateRateLimiter(state: StateStore, clock: Clock, logger: Logger): RateLimiter {
  return {
    async hit(scope, subject, budget) {
      const now = clock.now().getTime();
      const key = counterKey(scope, subject, now, budget.windowMs);
      const ttlSeconds = Math.ceil(budget.windowMs / 1000) + 1;
      try {
        for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
          const entry = await state.get<number>(key);
          const decision = decide(entry?.value ?? 0, budget, now);
          if (!decision.allowed) return decision;
          try {
            await state.save(key, (entry?.value ?? 0) + 1, { ...(entry ? { etag: entry.etag } : {}), ttlSeconds });
            return decision;
          } catch (err) {
            if (!(err instanceof DomainError && err.code === 'etag-mismatch')) throw err;
          }
        }
      } catch (err) {
        logger.warn({ err, scope }, 'rate limiter unavailable; letting the request through');
      }
      return decide(0, budget, now);
    },
  };
}
