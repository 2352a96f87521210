/** A budget: at most `limit` requests in any `periodMs`, a full burst allowed at once. */
export interface Rate {
  limit: number;
  periodMs: number;
}

/** What one {@link StateStore.throttle} call decided. */
export interface ThrottleResult {
  allowed: boolean;
  /** Requests that could still be made right now after this one. */
  remaining: number;
  /** Milliseconds until one more request would be allowed (0 when this one was). */
  retryAfterMs: number;
}

/** GCRA's emission interval: the spacing one request uses up. */
export const emissionInterval = (rate: Rate): number => rate.periodMs / rate.limit;

// Intervals such as 60000/7 are not exact in binary; without a tolerance the limit-th request of a burst
// could be refused for a rounding error. Far below a millisecond, so it grants nothing extra.
export const GCRA_TOLERANCE_MS = 1e-6;

/**
 * The generic cell rate algorithm (a sliding window kept in one number): the stored value is the
 * theoretical arrival time (TAT) of the next request. A request at `nowMs` pushes it forward by one
 * emission interval and is allowed while the TAT stays within one period of now. Stores run this same
 * arithmetic atomically (one SQL statement, one Lua script); this is the reference they are tested
 * against and the one the Dapr adapter runs under an ETag.
 */
export function gcra(storedTat: number | undefined, rate: Rate, nowMs: number): { tat: number; result: ThrottleResult } {
  const interval = emissionInterval(rate);
  const next = Math.max(storedTat ?? nowMs, nowMs) + interval;
  const ahead = next - nowMs;
  const allowed = ahead <= rate.periodMs + GCRA_TOLERANCE_MS;
  const tat = allowed ? next : (storedTat ?? nowMs);
  return { tat, result: throttleResult(tat, allowed, rate, nowMs) };
}

/** The result a store reports, given the TAT it holds after the step and whether the step was allowed. */
export function throttleResult(tat: number, allowed: boolean, rate: Rate, nowMs: number): ThrottleResult {
  const interval = emissionInterval(rate);
  if (!allowed) {
    const ahead = Math.max(tat, nowMs) + interval - nowMs;
    return { allowed, remaining: 0, retryAfterMs: Math.max(1, Math.ceil(ahead - rate.periodMs)) };
  }
  const ahead = tat - nowMs;
  return { allowed, remaining: Math.max(0, Math.floor((rate.periodMs - ahead) / interval + GCRA_TOLERANCE_MS)), retryAfterMs: 0 };
}

/** Seconds a TAT must be kept: after it has passed, an absent key means the same thing. */
export const tatTtlSeconds = (tat: number, nowMs: number): number => Math.max(1, Math.ceil((tat - nowMs) / 1000) + 1);
