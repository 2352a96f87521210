import { DomainError, type Clock, type Logger, type Rate, type StateStore } from '@shopmesh/platform';
import { retryAfterSeconds, type FailureMode } from '../domain/rate-limit';

/** The verdict for one request. */
export interface RateDecision {
  allowed: boolean;
  remaining: number;
  /** Whole seconds until one more request would be allowed (at least 1): what Retry-After says. */
  retryAfterSeconds: number;
}

/** Counts requests per subject against a budget. */
export interface RateLimiter {
  /**
   * Spends one request of `rate` for `subject` in `scope`. When the store is unreachable, `closed`
   * answers 503 with Retry-After (for budgets that guard credentials) and `open` lets the request
   * through with a warning in the log.
   */
  hit(scope: string, subject: string, rate: Rate, onFailure: FailureMode): Promise<RateDecision>;
}

// How long a client is asked to wait when the limiter itself is down.
const UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * Budgets in the shared state store, so every gateway replica spends the same one. Each hit is one
 * atomic throttle call (one round trip; GCRA), so a burst cannot slip past the budget between a read
 * and a write.
 */
export function createStateRateLimiter(state: StateStore, clock: Clock, logger: Logger): RateLimiter {
  return {
    async hit(scope, subject, rate, onFailure) {
      try {
        const result = await state.throttle(`ratelimit|${scope}|${subject}`, rate, clock.now().getTime());
        return { allowed: result.allowed, remaining: result.remaining, retryAfterSeconds: retryAfterSeconds(result.retryAfterMs) };
      } catch (err) {
        if (onFailure === 'closed') {
          logger.error({ err, scope }, 'rate limiter unavailable; refusing a request whose budget guards credentials');
          throw new DomainError(503, 'rate-limiter-unavailable', 'Try again shortly', [], { 'retry-after': String(UNAVAILABLE_RETRY_SECONDS) });
        }
        logger.warn({ err, scope }, 'rate limiter unavailable; letting the request through');
        return { allowed: true, remaining: 0, retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS };
      }
    },
  };
}
