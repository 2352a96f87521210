import { formatReport, judge, summariseRounds } from './report';
import { percentile, summarise } from './stats';

const m = (rps: number, p50 = 1) => ({ rps, p50, p95: p50 * 2, p99: p50 * 3, requests: rps * 10, errors: 0 });

describe('bench report', () => {
  it('when rounds alternate baseline and subject, then the ratio is the median of per-round ratios', () => {
    const row = summariseRounds({
      name: 'browse-cached',
      description: 'browse',
      rounds: [
        { subject: m(600), baseline: m(1000) },
        { subject: m(100), baseline: m(500) },
        { subject: m(700), baseline: m(1000) },
      ],
    });
    expect(row.ratio).toBeCloseTo(0.6);
    expect(row.rps).toBe(600);
    expect(row.baselineRps).toBe(1000);
  });

  it('when figures are judged, then each target is met, missed, or not measured', () => {
    const rows = [summariseRounds({ name: 'browse-cached', description: 'browse', rounds: [{ subject: m(500), baseline: m(1000) }] })];
    const targets = judge({
      date: 'd',
      tier: 'embedded',
      processes: false,
      cores: 2,
      rounds: 1,
      secondsPerMeasurement: 1,
      connections: 1,
      rows,
      idleCpuPercent: 0.4,
      idleCpuByService: { gateway: 0.05, catalog: 0.3, host: 0.01, orders: 0.04 },
    });
    expect(targets.find((t) => t.target.startsWith('cached browse'))).toMatchObject({ met: false, measured: '50.0%' });
    expect(targets.find((t) => t.target.startsWith('idle'))).toMatchObject({ met: true, measured: '0.40% (catalog 0.30%, gateway 0.05%, orders 0.04%)' });
    expect(targets.find((t) => t.target.startsWith('product page'))).toMatchObject({ met: undefined, measured: 'not run' });
  });

  it('when a flash sale confirms more than its stock, then the target is missed', () => {
    const flashSale = { buyers: 10, stock: 2, confirmed: 3, cancelled: 7, soldOut: 0, pending: 0, errors: 0, errorKinds: {}, seconds: 1 };
    const [verdict] = judge({
      date: 'd',
      tier: 't',
      processes: false,
      cores: 2,
      rounds: 1,
      secondsPerMeasurement: 1,
      connections: 1,
      rows: [],
      flashSale,
    }).filter((t) => t.target.startsWith('flash sale'));
    expect(verdict!.met).toBe(false);
  });

  it('when no checkout confirmed, then the placed-to-confirmed target is missed, not met at 0 s, and the error kinds are printed', () => {
    const checkout = {
      buyers: 3,
      confirmedPerSecond: 0,
      confirmed: 0,
      cancelled: 0,
      unsettled: 3,
      errors: 2,
      errorKinds: { 'POST /orders 409 cart-already-ordered': 2 },
      placeP50: 1,
      placeP95: 1,
      placedToConfirmedP50: 0,
      placedToConfirmedP95: 0,
    };
    const report = { date: 'd', tier: 't', processes: false, cores: 2, rounds: 1, secondsPerMeasurement: 1, connections: 1, rows: [], checkout };
    const targets = judge(report);

    expect(targets.find((t) => t.target.startsWith('placed-to-confirmed'))).toMatchObject({ met: false, measured: 'no order confirmed' });
    expect(targets.find((t) => t.target.startsWith('checkout'))!.target).toBe('checkout >= 100 confirmed sagas/s (3 buyers)');
    expect(formatReport({ ...report, targets })).toContain('error: POST /orders 409 cart-already-ordered (2)');
  });

  it('when formatted, then the table names every scenario and verdict', () => {
    const rows = [summariseRounds({ name: 'product-page', description: 'GET /products/:id', rounds: [{ subject: m(800), baseline: m(1000) }] })];
    const base = { date: '2026-11-25', tier: 'integration', processes: true, cores: 2, rounds: 1, secondsPerMeasurement: 5, connections: 32, rows };
    const text = formatReport({ ...base, targets: judge(base) });
    expect(text).toContain('| GET /products/:id');
    expect(text).toContain('80.0%');
    expect(text).toMatch(/product page >= 50.0% of bare Koa +\| 80.0% +\| met/);
  });

  it('when latencies are summarised, then percentiles use the nearest rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(summarise([3, 1, 2], 2, 1)).toEqual({ rps: 1.5, p50: 2, p95: 3, p99: 3, requests: 3, errors: 1 });
  });
});
