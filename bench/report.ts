import type { CheckoutResult, FlashSaleResult } from './sagas';
import { median, type Measurement } from './stats';

/** One scenario's measurements over the rounds, each beside the baseline measured just before it. */
export interface ScenarioRounds {
  name: string;
  description: string;
  rounds: { subject: Measurement; baseline: Measurement }[];
}

/** A scenario's medians over the rounds. */
export interface ScenarioRow {
  name: string;
  description: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Median over rounds of subject rps / baseline rps of the same round. */
  ratio: number;
  baselineRps: number;
}

/** Medians of each figure over the rounds; the ratio is taken per round, then its median. */
export function summariseRounds(scenario: ScenarioRounds): ScenarioRow {
  const pick = (f: (m: Measurement) => number) => median(scenario.rounds.map((r) => f(r.subject)));
  return {
    name: scenario.name,
    description: scenario.description,
    rps: pick((m) => m.rps),
    p50: pick((m) => m.p50),
    p95: pick((m) => m.p95),
    p99: pick((m) => m.p99),
    errors: scenario.rounds.reduce((sum, r) => sum + r.subject.errors, 0),
    ratio: median(scenario.rounds.map((r) => (r.baseline.rps > 0 ? r.subject.rps / r.baseline.rps : 0))),
    baselineRps: median(scenario.rounds.map((r) => r.baseline.rps)),
  };
}

/** A target of issue 12 and whether this run met it. */
export interface TargetVerdict {
  target: string;
  measured: string;
  met: boolean | undefined;
}

/** Everything a bench run measured. */
export interface BenchReport {
  date: string;
  tier: string;
  processes: boolean;
  cores: number;
  rounds: number;
  secondsPerMeasurement: number;
  connections: number;
  rows: ScenarioRow[];
  checkout?: CheckoutResult;
  flashSale?: FlashSaleResult;
  readyFreshSeconds?: number;
  readyReopenSeconds?: number;
  rssAfterFlashSaleMb?: number;
  idleCpuPercent?: number;
  /** The idle share of a core by service (the process host is `host`). */
  idleCpuByService?: Record<string, number>;
  targets: TargetVerdict[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The three services that used most of the idle CPU, as ` (catalog 3.10%, …)`; empty when none is known. */
function busiest(byService: Record<string, number> | undefined): string {
  const top = Object.entries(byService ?? {})
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  return top.length ? ` (${top.map(([service, share]) => `${service} ${share.toFixed(2)}%`).join(', ')})` : '';
}

/** One line per kind of failed request, with its count. */
function errorLines(label: string, kinds: Record<string, number> | undefined): string {
  return Object.entries(kinds ?? {})
    .map(([kind, count]) => `  ${label}: ${kind} (${count})\n`)
    .join('');
}

/** Judges each target against what was measured; a target not measured in this run is undefined. */
export function judge(report: Omit<BenchReport, 'targets'>): TargetVerdict[] {
  const row = (name: string) => report.rows.find((r) => r.name === name);
  const ratioTarget = (name: string, label: string, min: number): TargetVerdict => {
    const r = row(name);
    return { target: `${label} >= ${pct(min)} of bare Koa`, measured: r ? pct(r.ratio) : 'not run', met: r ? r.ratio >= min && r.errors === 0 : undefined };
  };
  const c = report.checkout;
  const f = report.flashSale;
  const verdicts: TargetVerdict[] = [
    ratioTarget('browse-cached', 'cached browse', 0.6),
    ratioTarget('search-uncached', 'uncached keyword search', 0.1),
    ratioTarget('product-page', 'product page', 0.5),
    {
      target: `checkout >= 100 confirmed sagas/s (${c?.buyers ?? 50} buyers)`,
      measured: c ? `${c.confirmedPerSecond.toFixed(1)}/s` : 'not run',
      met: c ? c.confirmedPerSecond >= 100 : undefined,
    },
    { target: 'POST /orders p95 <= 50 ms', measured: c ? `${c.placeP95.toFixed(0)} ms` : 'not run', met: c ? c.placeP95 <= 50 : undefined },
    {
      target: 'placed-to-confirmed p95 <= 1 s',
      // With no order confirmed there is no latency to judge, and that is a miss, not a fast 0 s.
      measured: c ? (c.confirmed > 0 ? `${(c.placedToConfirmedP95 / 1000).toFixed(2)} s` : 'no order confirmed') : 'not run',
      met: c ? c.confirmed > 0 && c.placedToConfirmedP95 <= 1000 : undefined,
    },
    {
      target: `flash sale: exactly ${f?.stock ?? 50} CONFIRMED, rest sold out, none PENDING, no errors`,
      measured: f ? `${f.confirmed} confirmed, ${f.cancelled} cancelled, ${f.soldOut} sold out, ${f.pending} pending, ${f.errors} errors` : 'not run',
      met: f ? f.confirmed === f.stock && f.pending === 0 && f.errors === 0 && f.confirmed + f.cancelled + f.soldOut === f.buyers : undefined,
    },
    {
      target: 'ready on a fresh start <= 10 s',
      measured: report.readyFreshSeconds !== undefined ? `${report.readyFreshSeconds.toFixed(1)} s` : 'not run',
      met: report.readyFreshSeconds !== undefined ? report.readyFreshSeconds <= 10 : undefined,
    },
    {
      target: 'ready on reopen <= 3 s',
      measured: report.readyReopenSeconds !== undefined ? `${report.readyReopenSeconds.toFixed(1)} s` : 'not run',
      met: report.readyReopenSeconds !== undefined ? report.readyReopenSeconds <= 3 : undefined,
    },
    {
      target: 'RSS after the flash sale <= 800 MB',
      measured: report.rssAfterFlashSaleMb !== undefined ? `${report.rssAfterFlashSaleMb.toFixed(0)} MB` : 'not run',
      met: report.rssAfterFlashSaleMb !== undefined ? report.rssAfterFlashSaleMb <= 800 : undefined,
    },
    {
      target: 'idle < 1% of a core',
      measured: report.idleCpuPercent !== undefined ? `${report.idleCpuPercent.toFixed(2)}%${busiest(report.idleCpuByService)}` : 'not run',
      met: report.idleCpuPercent !== undefined ? report.idleCpuPercent < 1 : undefined,
    },
  ];
  return verdicts;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The report as markdown tables: the scenarios with their ratios, then every target met or missed. */
export function formatReport(report: BenchReport): string {
  const n = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const scenarios = table(
    ['scenario', 'rps', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'bare Koa rps', 'ratio'],
    report.rows.map((r) => [r.description, n(r.rps), n(r.p50, 1), n(r.p95, 1), n(r.p99, 1), String(r.errors), n(r.baselineRps), pct(r.ratio)]),
  );
  const c = report.checkout;
  const checkout = c
    ? `\ncheckout (${c.buyers} buyers): ${c.confirmedPerSecond.toFixed(1)} confirmed/s (${c.confirmed} confirmed, ${c.cancelled} cancelled, ${c.unsettled} unsettled, ${c.errors} errors); ` +
      `POST /orders p50 ${c.placeP50.toFixed(0)} ms p95 ${c.placeP95.toFixed(0)} ms; placed-to-confirmed p50 ${c.placedToConfirmedP50.toFixed(0)} ms p95 ${c.placedToConfirmedP95.toFixed(0)} ms\n` +
      errorLines('error', c.errorKinds)
    : '';
  const flashSaleErrors = errorLines('flash sale error', report.flashSale?.errorKinds);
  const targets = table(
    ['target', 'measured', 'verdict'],
    report.targets.map((t) => [t.target, t.measured, t.met === undefined ? 'not measured' : t.met ? 'met' : 'MISSED']),
  );
  return `ShopMesh bench ${report.date}: tier ${report.tier}${report.processes ? ' (one process per service)' : ''}, ${report.cores} cores, ${report.rounds} rounds of ${report.secondsPerMeasurement} s, ${report.connections} connections, medians\n\n${scenarios}\n${checkout}${flashSaleErrors}\n${targets}\n`;
}
