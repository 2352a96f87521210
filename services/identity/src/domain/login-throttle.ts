import { createHash } from 'node:crypto';
import type { Admission, LoginAttempts, LoginThrottlePolicy, LoginThrottleStore, PairStep } from './ports';

/**
 * The state key part that names an account in the throttle: a hash of the normalised e-mail, so an
 * unknown e-mail is throttled exactly like a known one and no address is kept in the state store.
 */
export const accountKey = (email: string): string => createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);

/** Seconds a pair waits after its latest attempt once its free failures are spent: doubling up to the cap. */
export const delayAfter = (delayedFailures: number, policy: LoginThrottlePolicy): number =>
  Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** delayedFailures);

const refused = (waitMs: number): Admission => ({ admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) });

/** An attempt of a pair that is already being delayed: admitted (and counted) once its delay has passed. */
export function stepDelayedPair(record: LoginAttempts, nowMs: number, policy: LoginThrottlePolicy): PairStep {
  const readyAt = record.lastAttemptAt + delayAfter(record.failures, policy) * 1000;
  if (nowMs < readyAt) return { admission: refused(readyAt - nowMs) };
  return { admission: { admitted: true }, write: { failures: record.failures + 1, lastAttemptAt: nowMs } };
}

/**
 * Decides a login attempt of one (account, client IP) pair before the password is checked. The first
 * `freeFailures` attempts are counted by the store's atomic throttle, so parallel attempts cannot all
 * slip through; the attempt that finds them spent starts the pair's delay record and is refused. From
 * then on each admitted attempt doubles the wait (the record is updated under its ETag). A successful
 * login clears both.
 */
export function admitLogin(store: LoginThrottleStore, account: string, clientIp: string, nowMs: number, policy: LoginThrottlePolicy): Promise<Admission> {
  return store.updatePair(account, clientIp, async (record) => {
    if (record) return stepDelayedPair(record, nowMs, policy);
    const free = await store.spendFree(account, clientIp, { limit: policy.freeFailures, periodMs: policy.forgetAfterSeconds * 1000 }, nowMs);
    if (free.allowed) return { admission: { admitted: true } };
    return { admission: refused(delayAfter(0, policy) * 1000), write: { failures: 0, lastAttemptAt: nowMs } };
  });
}
