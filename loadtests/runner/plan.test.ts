import { smokePlan } from './plan';

describe('smoke plan', () => {
  it('when scenarios declare many VUs and long durations, then the smoke caps VUs and runs a few iterations each', () => {
    const plans = smokePlan(
      {
        scenarios: {
          browse: { executor: 'ramping-vus', stages: [{ target: 50 }, { target: 0 }], tags: { flow: 'browse' } },
          rate: { executor: 'constant-arrival-rate', preAllocatedVUs: 5, exec: 'checkout' },
          once: { executor: 'per-vu-iterations', vus: 500, iterations: 1 },
          shared: { executor: 'shared-iterations', vus: 4, iterations: 3 },
        },
      },
      { maxVus: 2, iterationsPerVu: 3 },
    );
    expect(plans.map((p) => [p.scenario.name, p.scenario.exec, p.iterationsPerVu])).toEqual([
      ['browse', 'default', [3, 3]],
      ['rate', 'checkout', [3, 3]],
      ['once', 'default', [1, 1]],
      ['shared', 'default', [2, 1]],
    ]);
    expect(plans[0]!.scenario.tags).toEqual({ flow: 'browse' });
  });

  it('when a script has no scenarios, then vus and iterations make one default scenario', () => {
    expect(smokePlan({ vus: 3, iterations: 10 }, { maxVus: 5, iterationsPerVu: 2 })).toEqual([
      { scenario: { name: 'default', exec: 'default', tags: {}, env: {} }, iterationsPerVu: [2, 2, 2] },
    ]);
  });
});
