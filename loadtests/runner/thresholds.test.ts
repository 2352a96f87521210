import { aggregate, evaluateThresholds, parseSelector, parseThreshold, type Sample } from './thresholds';

const samples = (values: number[], tags: Record<string, string> = {}): Sample[] => values.map((value) => ({ value, tags }));

describe('thresholds', () => {
  it('when a key names a submetric, then its tag filter is parsed', () => {
    expect(parseSelector('http_req_duration{scenario:browse, name:products-list}')).toEqual({
      metric: 'http_req_duration',
      tags: { scenario: 'browse', name: 'products-list' },
    });
    expect(parseSelector('checks')).toEqual({ metric: 'checks', tags: {} });
    expect(() => parseSelector('http_req_duration{scenario}')).toThrow('invalid tag filter');
  });

  it('when an expression is not k6 syntax, then it is refused naming it', () => {
    expect(parseThreshold('p(99.9) <= 250')).toMatchObject({ aggregation: 'p(99.9)', operator: '<=', value: 250 });
    expect(() => parseThreshold('p95 < 10')).toThrow('invalid threshold expression "p95 < 10"');
  });

  it('when a trend aggregates, then percentiles interpolate between ranks as k6 does', () => {
    const values = aggregate('trend', samples([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 1, [90, 95]);
    expect(values).toMatchObject({ avg: 5.5, min: 1, max: 10, med: 5.5, count: 10 });
    expect(values['p(90)']).toBeCloseTo(9.1);
    expect(values['p(95)']).toBeCloseTo(9.55);
  });

  it('when counters and rates aggregate, then counters sum (and rate per second) and rates share non-zero samples', () => {
    expect(aggregate('counter', samples([1, 1, 3]), 2)).toEqual({ count: 5, rate: 2.5 });
    expect(aggregate('rate', samples([1, 0, 0, 1]), 1)).toEqual({ rate: 0.5, passes: 2, fails: 2 });
  });

  it('when thresholds are evaluated, then only samples with the filtered tags count', () => {
    const metrics = new Map([
      ['http_req_failed', { type: 'rate' as const, samples: [...samples([0, 0, 0], { scenario: 'browse' }), ...samples([1], { scenario: 'checkout' })] }],
    ]);
    const results = evaluateThresholds(
      { 'http_req_failed{scenario:browse}': ['rate<0.01'], 'http_req_failed{scenario:checkout}': [{ threshold: 'rate<0.01', abortOnFail: true }] },
      metrics,
      1,
    );
    expect(results.map((r) => [r.key, r.ok, r.actual])).toEqual([
      ['http_req_failed{scenario:browse}', true, 0],
      ['http_req_failed{scenario:checkout}', false, 1],
    ]);
  });

  it('when no sample matches, then the threshold is evaluated on zero and flagged empty', () => {
    const [result] = evaluateThresholds(
      { 'http_req_duration{name:none}': ['count>0'] },
      new Map([['http_req_duration', { type: 'trend' as const, samples: samples([5]) }]]),
      1,
    );
    expect(result).toMatchObject({ ok: false, actual: 0, empty: true });
  });

  it('when an aggregation does not exist for the metric type, then it is an error', () => {
    expect(() => evaluateThresholds({ checks: ['p(95)<1'] }, new Map([['checks', { type: 'rate' as const, samples: samples([1]) }]]), 1)).toThrow(
      'a rate metric does not have',
    );
  });
});
