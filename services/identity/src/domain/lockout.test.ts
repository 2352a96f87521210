import { afterFailedLogin, CLEAR_LOGIN_STATE, isClear, lockedForSeconds } from './lockout';
import type { LockoutPolicy, LoginState } from './ports';

const policy: LockoutPolicy = { maxAttempts: 3, windowSeconds: 60, durationSeconds: 120 };
const t0 = new Date('2025-01-01T12:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function failTimes(times: number[]): LoginState {
  return times.reduce((state, s) => afterFailedLogin(state, at(s), policy), CLEAR_LOGIN_STATE);
}

describe('login lockout', () => {
  it('when failures stay below the threshold, then the account is not locked', () => {
    const state = failTimes([0, 10]);

    expect(state.failedLogins).toBe(2);
    expect(lockedForSeconds(state, at(11))).toBe(0);
  });

  it('when the threshold is reached within the window, then the account is locked for the duration', () => {
    const state = failTimes([0, 10, 20]);

    expect(lockedForSeconds(state, at(20))).toBe(120);
    expect(lockedForSeconds(state, at(139))).toBe(1);
    expect(state.failedLogins).toBe(0);
  });

  it('when the lock has run out, then the account is open again', () => {
    const state = failTimes([0, 10, 20]);

    expect(lockedForSeconds(state, at(140))).toBe(0);
  });

  it('when earlier failures fall outside the window, then counting starts afresh', () => {
    const state = failTimes([0, 10, 61]);

    expect(state.failedLogins).toBe(1);
    expect(state.failureWindowStartedAt).toEqual(at(61));
    expect(lockedForSeconds(state, at(61))).toBe(0);
  });

  it('when nothing failed, then the state is clear, and after a failure it is not', () => {
    expect(isClear(CLEAR_LOGIN_STATE)).toBe(true);
    expect(isClear(failTimes([0]))).toBe(false);
  });
});
