import { accountKey, delayAfter, stepDelayedPair } from './login-throttle';

const policy = { freeFailures: 3, baseDelaySeconds: 2, maxDelaySeconds: 60, forgetAfterSeconds: 3600, accountCeiling: 100, accountWindowSeconds: 3600 };

describe('login throttle per (account, client IP)', () => {
  it('when delayed attempts pile up, then each wait doubles up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map((n) => delayAfter(n, policy))).toEqual([2, 4, 8, 16, 32, 60, 60]);
  });

  it('when a delayed pair tries before its wait is over, then it is refused with the time left and nothing is stored', () => {
    expect(stepDelayedPair({ failures: 1, lastAttemptAt: 10_000 }, 11_000, policy)).toEqual({ admission: { admitted: false, retryAfterSeconds: 3 } });
  });

  it('when a delayed pair tries after its wait, then it is admitted and counted, so the next wait doubles', () => {
    expect(stepDelayedPair({ failures: 1, lastAttemptAt: 10_000 }, 14_000, policy)).toEqual({
      admission: { admitted: true },
      write: { failures: 2, lastAttemptAt: 14_000 },
    });
  });

  it('when an e-mail is spelt with other case or spaces, then it names the same account, and no address shows in the key', () => {
    expect(accountKey(' Customer@Example.com')).toBe(accountKey('customer@example.com'));
    expect(accountKey('customer@example.com')).not.toContain('example');
  });
});
