import type { LockoutPolicy, LoginState } from './ports';

/** The state of an account without failed logins. */
export const CLEAR_LOGIN_STATE: LoginState = { failedLogins: 0, failureWindowStartedAt: null, lockedUntil: null };

/** Whole seconds the account stays locked at `now`; 0 when it is not locked. */
export function lockedForSeconds(state: LoginState, now: Date): number {
  if (!state.lockedUntil) return 0;
  const ms = state.lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/**
 * Counts one failed login. Failures are counted within a window that starts at the first failure;
 * reaching `maxAttempts` inside it locks the account for `durationSeconds` and starts counting afresh.
 */
export function afterFailedLogin(state: LoginState, now: Date, policy: LockoutPolicy): LoginState {
  const windowStart = state.failureWindowStartedAt;
  const windowOpen = windowStart !== null && now.getTime() - windowStart.getTime() < policy.windowSeconds * 1000;
  const failedLogins = windowOpen ? state.failedLogins + 1 : 1;
  if (failedLogins >= policy.maxAttempts) {
    return { failedLogins: 0, failureWindowStartedAt: null, lockedUntil: new Date(now.getTime() + policy.durationSeconds * 1000) };
  }
  return { failedLogins, failureWindowStartedAt: windowOpen ? windowStart : now, lockedUntil: state.lockedUntil };
}

/** True when a successful login has nothing to reset. */
export const isClear = (state: LoginState): boolean => state.failedLogins === 0 && state.failureWindowStartedAt === null && state.lockedUntil === null;
