import { counterKey, decide, windowStart } from './rate-limit';

const budget = { limit: 3, windowMs: 60_000 };
const minute = (m: number, s = 0) => m * 60_000 + s * 1000;

describe('fixed-window rate limit', () => {
  it('when fewer than the limit were counted, then the request is allowed with what remains', () => {
    expect(decide(0, budget, minute(10, 5))).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 55 });
    expect(decide(2, budget, minute(10, 5))).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('when the limit was reached, then the request is refused until the window resets', () => {
    expect(decide(3, budget, minute(10, 45))).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 15 });
  });

  it('when the window is about to reset, then Retry-After is still at least one second', () => {
    expect(decide(3, budget, minute(11) - 1).retryAfterSeconds).toBe(1);
  });

  it('when two instants share a minute, then they share a counter, and the next minute gets a new one', () => {
    expect(windowStart(minute(10, 59), 60_000)).toBe(minute(10));
    expect(counterKey('ip', '1.2.3.4', minute(10, 1), 60_000)).toBe(counterKey('ip', '1.2.3.4', minute(10, 59), 60_000));
    expect(counterKey('ip', '1.2.3.4', minute(11), 60_000)).not.toBe(counterKey('ip', '1.2.3.4', minute(10, 59), 60_000));
  });

  it('when scopes or subjects differ, then so do the counters', () => {
    expect(counterKey('ip', 'a', 0, 60_000)).not.toBe(counterKey('user', 'a', 0, 60_000));
    expect(counterKey('ip', 'a', 0, 60_000)).not.toBe(counterKey('ip', 'b', 0, 60_000));
  });
});
