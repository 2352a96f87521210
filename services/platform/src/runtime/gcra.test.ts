import { gcra, tatTtlSeconds } from './gcra';

const rate = { limit: 3, periodMs: 60_000 };

function spend(times: number, nowMs: number, start?: number) {
  let tat = start;
  const results = [];
  for (let i = 0; i < times; i++) {
    const step = gcra(tat, rate, nowMs);
    tat = step.tat;
    results.push(step.result);
  }
  return { tat, results };
}

describe('GCRA', () => {
  it('when a fresh key takes a burst, then exactly the limit is allowed, counting down what remains', () => {
    const { results } = spend(4, 1_000_000);

    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
  });

  it('when the budget is spent, then Retry-After is the time until one interval has drained', () => {
    const { results } = spend(4, 1_000_000);

    expect(results[3]!.retryAfterMs).toBe(20_000);
  });

  it('when one interval has passed after a burst, then exactly one more request is allowed (a sliding window, no edge burst)', () => {
    const { tat } = spend(3, 1_000_000);

    const later = spend(2, 1_000_000 + 20_000, tat);

    expect(later.results.map((r) => r.allowed)).toEqual([true, false]);
  });

  it('when a refused request comes in, then it does not push the next allowed time further', () => {
    const { tat } = spend(10, 1_000_000);

    expect(gcra(tat, rate, 1_000_000 + 20_000).result.allowed).toBe(true);
  });

  it('when the interval is not exact in binary (60000/7), then a burst still gets all seven', () => {
    let tat: number | undefined;
    const allowed = [];
    for (let i = 0; i < 8; i++) {
      const step = gcra(tat, { limit: 7, periodMs: 60_000 }, 5);
      tat = step.tat;
      allowed.push(step.result.allowed);
    }

    expect(allowed).toEqual([true, true, true, true, true, true, true, false]);
  });

  it('when a TAT lies ahead, then it is kept at least until it has passed', () => {
    expect(tatTtlSeconds(61_500, 1_000)).toBe(62);
    expect(tatTtlSeconds(1_000, 1_000)).toBe(1);
  });
});
