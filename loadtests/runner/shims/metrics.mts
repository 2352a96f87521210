import { vuState } from './state.mjs';
import type { MetricType } from '../thresholds.js';

class CustomMetric {
  constructor(
    readonly name: string,
    private readonly type: MetricType,
    private readonly isTime = false,
  ) {
    if (!/^[A-Za-z_][\w]*$/.test(name)) throw new Error(`invalid metric name "${name}"`);
  }

  add(value: number | boolean, tags: Record<string, string> = {}): void {
    vuState().record(this.name, this.type, typeof value === 'boolean' ? Number(value) : value, tags, this.isTime ? 'time' : 'default');
  }
}

/** k6's Counter: a sum. */
export class Counter extends CustomMetric {
  constructor(name: string) {
    super(name, 'counter');
  }
}

/** k6's Gauge: the last value. */
export class Gauge extends CustomMetric {
  constructor(name: string, isTime = false) {
    super(name, 'gauge', isTime);
  }
}

/** k6's Rate: the share of non-zero values. */
export class Rate extends CustomMetric {
  constructor(name: string) {
    super(name, 'rate');
  }
}

/** k6's Trend: a distribution (avg, med, percentiles). */
export class Trend extends CustomMetric {
  constructor(name: string, isTime = false) {
    super(name, 'trend', isTime);
  }
}

export default { Counter, Gauge, Rate, Trend };
