/** A metric's kind, as k6 names them. */
export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

/** One recorded value and the tags it was recorded with. */
export interface Sample {
  value: number;
  tags: Record<string, string>;
}

/** The aggregate values of a metric, keyed as k6's summary keys them (`avg`, `p(95)`, `rate`, `count`). */
export type MetricValues = Record<string, number>;

/** `http_req_duration{scenario:browse,method:GET}` split into the metric and its tag filter. */
export interface MetricSelector {
  metric: string;
  tags: Record<string, string>;
}

/** Parses a threshold key: a metric name with an optional `{tag:value,...}` submetric filter. */
export function parseSelector(key: string): MetricSelector {
  const match = /^([A-Za-z_][\w.]*)(?:\{(.*)\})?$/.exec(key.trim());
  if (!match) throw new Error(`invalid threshold metric "${key}"`);
  const tags: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter((p) => p.trim() !== '')) {
    const at = pair.indexOf(':');
    if (at <= 0) throw new Error(`invalid tag filter "${pair}" in threshold metric "${key}"`);
    tags[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return { metric: match[1]!, tags };
}

/** True when a sample carries every tag of the filter with the same value. */
export function matchesTags(sample: Sample, filter: Record<string, string>): boolean {
  return Object.entries(filter).every(([key, value]) => sample.tags[key] === value);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  // k6 interpolates linearly between the closest ranks.
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/**
 * Aggregates samples the way k6's summary does: trends get avg/min/med/max and the asked percentiles,
 * counters count and rate per second of the run, rates the share of non-zero samples, gauges the last value.
 */
export function aggregate(type: MetricType, samples: Sample[], durationSeconds: number, percentiles: number[] = [90, 95, 99]): MetricValues {
  const values = samples.map((s) => s.value);
  switch (type) {
    case 'counter': {
      const count = values.reduce((a, b) => a + b, 0);
      return { count, rate: durationSeconds > 0 ? count / durationSeconds : 0 };
    }
    case 'gauge':
      return { value: values.at(-1) ?? 0, min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 0 };
    case 'rate': {
      const passes = values.filter((v) => v !== 0).length;
      return { rate: values.length ? passes / values.length : 0, passes, fails: values.length - passes };
    }
    case 'trend': {
      const sorted = [...values].sort((a, b) => a - b);
      const result: MetricValues = {
        avg: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0,
        min: sorted[0] ?? 0,
        med: percentile(sorted, 50),
        max: sorted.at(-1) ?? 0,
        count: sorted.length,
      };
      for (const p of percentiles) result[`p(${p})`] = percentile(sorted, p);
      return result;
    }
  }
}

/** A parsed threshold expression such as `p(95)<500` or `rate<0.01`. */
export interface ThresholdExpression {
  source: string;
  aggregation: string;
  operator: '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';
  value: number;
}

/** Parses a k6 threshold expression; anything else is an error naming it (as k6 refuses to start). */
export function parseThreshold(source: string): ThresholdExpression {
  const match = /^\s*(avg|min|max|med|count|rate|value|p\(\d+(?:\.\d+)?\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(source);
  if (!match) throw new Error(`invalid threshold expression "${source}"`);
  return { source, aggregation: match[1]!, operator: match[2] as ThresholdExpression['operator'], value: Number(match[3]) };
}

/** The value a threshold's aggregation reads, computing a percentile that the summary did not ask for. */
export function aggregationValue(expression: ThresholdExpression, type: MetricType, samples: Sample[], durationSeconds: number): number {
  const percentileMatch = /^p\((.+)\)$/.exec(expression.aggregation);
  const values = aggregate(type, samples, durationSeconds, percentileMatch ? [Number(percentileMatch[1])] : []);
  const value = values[expression.aggregation];
  if (value === undefined) throw new Error(`threshold "${expression.source}" reads ${expression.aggregation}, which a ${type} metric does not have`);
  return value;
}

/** Whether a value satisfies the expression. */
export function holds(expression: ThresholdExpression, actual: number): boolean {
  switch (expression.operator) {
    case '<':
      return actual < expression.value;
    case '<=':
      return actual <= expression.value;
    case '>':
      return actual > expression.value;
    case '>=':
      return actual >= expression.value;
    case '==':
    case '===':
      return actual === expression.value;
    case '!=':
      return actual !== expression.value;
  }
}

/** A threshold as a script declares it: a string, or an object with `threshold` (abortOnFail is accepted). */
export type ThresholdDeclaration = string | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string };

/** The verdict on one threshold. */
export interface ThresholdResult {
  key: string;
  expression: string;
  actual: number;
  ok: boolean;
  /** No sample matched: k6 evaluates the threshold on zero values; the runner says so. */
  empty: boolean;
}

/** Evaluates every declared threshold against the recorded samples. */
export function evaluateThresholds(
  declared: Record<string, ThresholdDeclaration[]>,
  metrics: ReadonlyMap<string, { type: MetricType; samples: Sample[] }>,
  durationSeconds: number,
): ThresholdResult[] {
  const results: ThresholdResult[] = [];
  for (const [key, list] of Object.entries(declared)) {
    const selector = parseSelector(key);
    const metric = metrics.get(selector.metric);
    const samples = metric ? metric.samples.filter((s) => matchesTags(s, selector.tags)) : [];
    for (const declaration of list) {
      const expression = parseThreshold(typeof declaration === 'string' ? declaration : declaration.threshold);
      const actual = metric ? aggregationValue(expression, metric.type, samples, durationSeconds) : 0;
      results.push({ key, expression: expression.source, actual, ok: holds(expression, actual), empty: samples.length === 0 });
    }
  }
  return results;
}
