import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { closeAgents, performRequest } from './http-executor';
import { smokePlan, type ScriptOptions, type SmokeLimits } from './plan';
import type { VuCommand, VuReply, VuWorkerData, WireMetrics, WireRequest } from './protocol';
import { aggregate, evaluateThresholds, type MetricType, type Sample, type ThresholdResult } from './thresholds';

/** What to run and how small. */
export interface RunOptions extends SmokeLimits {
  script: string;
  env: Record<string, string>;
  /** Where handleSummary's file outputs are written relative to (k6 uses the working directory). */
  cwd?: string;
  /** Progress and summary lines. */
  out?: (line: string) => void;
}

/** The outcome of a run. */
export interface RunResult {
  thresholds: ThresholdResult[];
  /** Iterations run per scenario. */
  iterations: Record<string, number>;
  /** Exceptions thrown by iterations, setup or teardown. */
  errors: string[];
  /** The data handed to handleSummary (k6's summary format). */
  summary: SummaryData;
  /** 0 when every threshold held and nothing threw; 99 (k6's code) on a threshold breach; 1 on errors. */
  exitCode: number;
}

/** k6's handleSummary data, as far as the runner fills it. */
export interface SummaryData {
  metrics: Record<string, { type: MetricType; contains: string; values: Record<string, number>; thresholds?: Record<string, { ok: boolean }> }>;
  root_group: { name: string; path: string; groups: unknown[]; checks: { name: string; path: string; passes: number; fails: number }[] };
  options: { summaryTrendStats: string[] };
  state: { isStdOutTTY: boolean; isStdErrTTY: boolean; testRunDurationMs: number };
}

const HOOKS = new URL('./hooks.mjs', `file://${__dirname}/`).href;

/** One VU thread and the channel its synchronous HTTP calls go through. */
class Vu {
  private readonly worker: Worker;
  private pending: ((reply: VuReply) => void) | undefined;

  constructor(script: string, vuId: number, env: Record<string, string>) {
    const signalBuffer = new SharedArrayBuffer(4);
    const signal = new Int32Array(signalBuffer);
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (request: WireRequest) => {
      void performRequest(request).then((response) => {
        port1.postMessage(response);
        Atomics.store(signal, 0, 1);
        Atomics.notify(signal, 0);
      });
    });
    const workerData: VuWorkerData = { script, vuId, env, signal: signalBuffer, httpPort: port2, hooks: HOOKS };
    this.worker = new Worker(resolve(__dirname, 'vu-bootstrap.mjs'), { workerData, transferList: [port2] });
    this.worker.unref();
    port1.unref();
    this.worker.on('message', (reply: VuReply) => {
      const pending = this.pending;
      this.pending = undefined;
      pending?.(reply);
    });
    this.worker.on('error', (err) => {
      const pending = this.pending;
      this.pending = undefined;
      pending?.({ ok: false, error: err.stack ?? err.message, metrics: {}, errors: [], iterations: 0 });
    });
  }

  send(command: VuCommand): Promise<VuReply> {
    return new Promise((done) => {
      this.pending = done;
      this.worker.postMessage(command);
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

function mergeMetrics(into: Map<string, { type: MetricType; contains: string; samples: Sample[] }>, metrics: WireMetrics): void {
  for (const [name, metric] of Object.entries(metrics)) {
    const existing = into.get(name);
    if (existing) existing.samples.push(...metric.samples);
    else into.set(name, { type: metric.type, contains: metric.contains, samples: [...metric.samples] });
  }
}

const TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

function buildSummary(
  metrics: Map<string, { type: MetricType; contains: string; samples: Sample[] }>,
  thresholds: ThresholdResult[],
  options: ScriptOptions,
  durationMs: number,
): SummaryData {
  const trendStats = options.summaryTrendStats ?? TREND_STATS;
  const percentiles = trendStats.flatMap((s) => (/^p\((.+)\)$/.exec(s) ? [Number(/^p\((.+)\)$/.exec(s)![1])] : []));
  const summary: SummaryData = {
    metrics: {},
    root_group: { name: '', path: '', groups: [], checks: [] },
    options: { summaryTrendStats: trendStats },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: durationMs },
  };
  const seconds = durationMs / 1000;
  for (const [name, metric] of metrics) {
    summary.metrics[name] = { type: metric.type, contains: metric.contains, values: aggregate(metric.type, metric.samples, seconds, percentiles) };
  }
  for (const result of thresholds) {
    // A threshold on a submetric (`http_req_duration{scenario:browse}`) shows as a metric of its own, as in k6.
    const entry = (summary.metrics[result.key] ??= (() => {
      const base = metrics.get(result.key.replace(/\{.*$/, ''));
      const type = base?.type ?? 'trend';
      const filter = Object.fromEntries(
        (/\{(.*)\}$/.exec(result.key)?.[1] ?? '')
          .split(',')
          .filter(Boolean)
          .map((p) => [p.slice(0, p.indexOf(':')).trim(), p.slice(p.indexOf(':') + 1).trim()]),
      );
      const samples = (base?.samples ?? []).filter((s) => Object.entries(filter).every(([k, v]) => s.tags[k] === v));
      return { type, contains: base?.contains ?? 'default', values: aggregate(type, samples, seconds, percentiles) };
    })());
    (entry.thresholds ??= {})[result.expression] = { ok: result.ok };
  }
  const checks = new Map<string, { passes: number; fails: number }>();
  for (const sample of metrics.get('checks')?.samples ?? []) {
    const name = sample.tags.check ?? '';
    const counts = checks.get(name) ?? { passes: 0, fails: 0 };
    if (sample.value) counts.passes++;
    else counts.fails++;
    checks.set(name, counts);
  }
  summary.root_group.checks = [...checks].map(([name, c]) => ({ name, path: `::${name}`, ...c }));
  return summary;
}

/**
 * Runs a k6 script as a smoke: setup, every scenario's VUs in parallel (each VU a thread with its own
 * copy of the script), teardown, then thresholds and handleSummary, as k6 orders them.
 */
export async function runScript(options: RunOptions): Promise<RunResult> {
  const out = options.out ?? (() => undefined);
  const script = resolve(options.script);
  const started = performance.now();
  const metrics = new Map<string, { type: MetricType; contains: string; samples: Sample[] }>();
  const errors: string[] = [];
  const control = new Vu(script, 0, options.env);
  const vus: Vu[] = [control];
  const must = async (vu: Vu, command: VuCommand): Promise<VuReply> => {
    const reply = await vu.send(command);
    mergeMetrics(metrics, reply.metrics);
    errors.push(...reply.errors);
    if (!reply.ok) throw new Error(`${command.kind} failed: ${reply.error}`);
    return reply;
  };
  try {
    const init = (await must(control, { kind: 'init' })).result as { options: ScriptOptions; functions: string[] };
    const scriptOptions = init.options;
    const plans = smokePlan(scriptOptions, options);
    const data = (await must(control, { kind: 'setup' })).result;
    const iterations: Record<string, number> = {};
    let nextVuId = 1;
    await Promise.all(
      plans.map(async (plan) => {
        out(`scenario ${plan.scenario.name}: ${plan.iterationsPerVu.length} VUs, ${plan.iterationsPerVu.reduce((a, b) => a + b, 0)} iterations`);
        const replies = await Promise.all(
          plan.iterationsPerVu.map(async (count) => {
            const vu = new Vu(script, nextVuId++, options.env);
            vus.push(vu);
            await must(vu, { kind: 'init' });
            return must(vu, { kind: 'run', scenario: { ...plan.scenario, iterations: count }, data });
          }),
        );
        iterations[plan.scenario.name] = replies.reduce((sum, r) => sum + r.iterations, 0);
      }),
    );
    await must(control, { kind: 'teardown', data });
    const durationMs = performance.now() - started;
    const thresholds = evaluateThresholds(scriptOptions.thresholds ?? {}, metrics, durationMs / 1000);
    const summary = buildSummary(metrics, thresholds, scriptOptions, durationMs);
    if (init.functions.includes('handleSummary')) {
      const outputs = ((await must(control, { kind: 'handleSummary', summary })).result ?? {}) as Record<string, string>;
      for (const [target, content] of Object.entries(outputs)) {
        if (target === 'stdout') out(content);
        else if (target === 'stderr') process.stderr.write(content);
        else writeFileSync(resolve(options.cwd ?? process.cwd(), target), content);
      }
    }
    for (const t of thresholds) out(`${t.ok ? '✓' : '✗'} ${t.key}: ${t.expression} (actual ${Number(t.actual.toFixed(3))}${t.empty ? ', no samples' : ''})`);
    for (const c of summary.root_group.checks.filter((c) => c.fails > 0)) out(`check "${c.name}" failed ${c.fails} of ${c.passes + c.fails}`);
    for (const err of errors) out(`iteration error: ${err}`);
    const exitCode = errors.length > 0 ? 1 : thresholds.some((t) => !t.ok) ? 99 : 0;
    return { thresholds, iterations, errors, summary, exitCode };
  } finally {
    await Promise.all(vus.map((vu) => vu.stop()));
    closeAgents();
  }
}
