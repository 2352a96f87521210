/** A budget: at most `limit` requests per window of `windowMs`. */
export interface RateBudget {
  limit: number;
  windowMs: number;
}

/** The verdict for one request. */
export interface RateDecision {
  allowed: boolean;
  /** Requests left in the window after this one. */
  remaining: number;
  /** Whole seconds until the window resets (at least 1): what Retry-After says when not allowed. */
  retryAfterSeconds: number;
}

/** Start of the fixed window `nowMs` falls in. */
export const windowStart = (nowMs: number, windowMs: number): number => Math.floor(nowMs / windowMs) * windowMs;

/**
 * Fixed-window counting: the request is allowed while fewer than `limit` were counted in its window.
 * A burst of up to twice the limit across a window edge is accepted as the price of one counter per key.
 */
export function decide(counted: number, budget: RateBudget, nowMs: number): RateDecision {
  const allowed = counted < budget.limit;
  const resetsAt = windowStart(nowMs, budget.windowMs) + budget.windowMs;
  return {
    allowed,
    remaining: Math.max(0, budget.limit - counted - (allowed ? 1 : 0)),
    retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - nowMs) / 1000)),
  };
}

/** State key of one subject's counter in one window; it expires with the window. */
export const counterKey = (scope: string, subject: string, nowMs: number, windowMs: number): string =>
  `ratelimit|${scope}|${subject}|${windowStart(nowMs, windowMs)}`;
