import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { measure } from './load';
import { freePort, stopProcess } from '../services/shop/test/shop-process';
import { idleCpu, rssMb, startNode } from './processes';
import { formatReport, judge, summariseRounds, type BenchReport, type ScenarioRounds } from './report';
import { checkout, flashSale, type CheckoutResult, type FlashSaleResult } from './sagas';
import { call } from './shop-client';
import { scratchDir, startDaprShop, startIntegrationInfra, startShop, type Infrastructure, type RunningShop, type Tier } from './tiers';

const ROOT = resolve(__dirname, '..');
const USAGE = `usage: npm run bench -- [--tier embedded|integration|dapr] [--processes|--single-process] [--rounds 3] [--seconds 10] [--connections 32]
                    [--only browse-cached,search-uncached,product-page,checkout,flash-sale] [--buyers 50] [--checkout-seconds 20]
                    [--cpu-prof DIR]  (a V8 CPU profile of every shop process, written when the shop stops)`;

interface Settings {
  tier: Tier;
  processes: boolean;
  rounds: number;
  seconds: number;
  connections: number;
  only: string[];
  buyers: number;
  checkoutSeconds: number;
  cpuProfileDir: string | undefined;
}

function parseArgs(argv: string[]): Settings {
  const settings: Settings = {
    tier: 'integration',
    processes: true,
    rounds: 3,
    seconds: 10,
    connections: 32,
    only: [],
    buyers: 50,
    checkoutSeconds: 20,
    cpuProfileDir: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    const count = (name: string) => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number >= 1\n${USAGE}`);
      return v;
    };
    if (arg === '--tier') {
      const tier = value();
      if (tier !== 'embedded' && tier !== 'integration' && tier !== 'dapr') throw new Error(`--tier must be embedded, integration or dapr\n${USAGE}`);
      settings.tier = tier;
      // The integration tier runs one process per service, as Kubernetes does; the embedded tier is `npm start`'s single process.
      if (!argv.includes('--processes') && !argv.includes('--single-process')) settings.processes = tier !== 'embedded';
    } else if (arg === '--processes') settings.processes = true;
    else if (arg === '--single-process') settings.processes = false;
    else if (arg === '--rounds') settings.rounds = count('--rounds');
    else if (arg === '--seconds') settings.seconds = count('--seconds');
    else if (arg === '--connections') settings.connections = count('--connections');
    else if (arg === '--buyers') settings.buyers = count('--buyers');
    else if (arg === '--checkout-seconds') settings.checkoutSeconds = count('--checkout-seconds');
    else if (arg === '--only') settings.only = value().split(',');
    else if (arg === '--cpu-prof') settings.cpuProfileDir = resolve(value());
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return settings;
}

/** The live progress line, rewritten in place on a terminal. */
function progress(text: string): void {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[2K${text}`);
}

function log(line: string): void {
  if (process.stdout.isTTY) process.stdout.write('\r\x1b[2K');
  process.stdout.write(`${line}\n`);
}

async function startBaseline(): Promise<{ url: string; child: ChildProcess }> {
  const child = startNode(join(__dirname, 'baseline-server.ts'), process.env);
  child.stderr?.resume();
  const port = await new Promise<string>((done, fail) => {
    child.stdout!.once('data', (c: Buffer) => done(c.toString().trim()));
    child.once('exit', (code) => fail(new Error(`the baseline exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, child };
}

/** The tiers that need the machine-wide infrastructure run under its lock; re-executes under flock when not held. */
function holdInfraLock(settings: Settings): boolean {
  if (settings.tier === 'embedded' || process.env.SHOPMESH_INFRA_LOCK_HELD) return false;
  log('waiting for the machine-wide infrastructure lock (/tmp/shopmesh-infra.lock)');
  const result = spawnSync('flock', ['/tmp/shopmesh-infra.lock', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, SHOPMESH_INFRA_LOCK_HELD: '1' },
  });
  process.exit(result.status ?? 1);
}

async function main(): Promise<void> {
  const settings = parseArgs(process.argv.slice(2));
  if (holdInfraLock(settings)) return;
  const wanted = (name: string) => settings.only.length === 0 || settings.only.includes(name);
  let infra: Infrastructure | undefined;
  let shop: RunningShop | undefined;
  const data = settings.tier === 'embedded' ? scratchDir() : undefined;
  const baseline = await startBaseline();
  const partial: Omit<BenchReport, 'targets'> = {
    date: new Date().toISOString(),
    tier: settings.tier,
    processes: settings.processes,
    cores: availableParallelism(),
    rounds: settings.rounds,
    secondsPerMeasurement: settings.seconds,
    connections: settings.connections,
    rows: [],
  };
  try {
    const port = await freePort();
    const start = async () => {
      if (settings.tier === 'dapr') return startDaprShop(log);
      return startShop({
        port,
        processes: settings.processes,
        env: infra?.env ?? {},
        ...(data ? { dataDir: data.dir } : {}),
        ...(settings.cpuProfileDir ? { cpuProfileDir: settings.cpuProfileDir } : {}),
      });
    };
    if (settings.tier === 'integration') infra = await startIntegrationInfra(log);
    shop = await start();
    partial.readyFreshSeconds = shop.readySeconds;
    log(`shop ready in ${shop.readySeconds.toFixed(1)} s (fresh data) at ${shop.baseUrl}`);
    if (settings.tier !== 'dapr') {
      await shop.stop();
      shop = await start();
      partial.readyReopenSeconds = shop.readySeconds;
      log(`shop ready in ${shop.readySeconds.toFixed(1)} s (reopened)`);
    }
    const api = `${shop.baseUrl}/api/v1`;
    const list = await call(api, 'GET', '/products?pageSize=100');
    const ids = (list.body.items as { id: string }[]).map((p) => p.id);
    const words = ['lamp', 'chair', 'desk', 'mug', 'shirt', 'bag', 'pen', 'book', 'light', 'wood', 'oak', 'steel'];
    const scenarios: (ScenarioRounds & { url: string; path?: (n: number) => string })[] = [
      { name: 'browse-cached', description: 'GET /products?pageSize=20 (anonymous, gateway)', url: `${api}/products?pageSize=20`, rounds: [] },
      {
        name: 'search-uncached',
        description: 'GET /products?q=<distinct> (keyword)',
        url: `${api}/products`,
        // A real word plus a unique one: the query does a real search and no cache can answer it.
        path: (n: number) => `/api/v1/products?q=${words[n % words.length]}%20u${n}x${Date.now() % 1e6}&pageSize=20`,
        rounds: [],
      },
      {
        name: 'product-page',
        description: 'GET /products/:id',
        url: `${api}/products/${ids[0]}`,
        path: (n: number) => `/api/v1/products/${ids[n % ids.length]}`,
        rounds: [],
      },
    ].filter((s) => wanted(s.name));
    const baselineUrl = baseline.url;
    for (let round = 1; round <= settings.rounds; round++) {
      for (const scenario of scenarios) {
        const tick = (what: string) => (requests: number, elapsed: number) =>
          progress(
            `[round ${round}/${settings.rounds}] ${what} ${elapsed.toFixed(0)}s ${requests.toLocaleString('en-US')} requests ${(requests / Math.max(elapsed, 0.001)).toFixed(0)} rps`,
          );
        // Alternating: the baseline right before each subject, so both see the same machine load.
        const base = await measure({ url: baselineUrl, connections: settings.connections, seconds: settings.seconds, onTick: tick('bare Koa') });
        const subject = await measure({
          url: scenario.url,
          connections: settings.connections,
          seconds: settings.seconds,
          ...(scenario.path ? { path: scenario.path } : {}),
          onTick: tick(scenario.name),
        });
        scenario.rounds.push({ subject, baseline: base });
        log(
          `round ${round} ${scenario.name}: ${subject.rps.toFixed(0)} rps p50 ${subject.p50.toFixed(1)} ms p95 ${subject.p95.toFixed(1)} ms (bare Koa ${base.rps.toFixed(0)} rps) ratio ${((subject.rps / base.rps) * 100).toFixed(1)}%${subject.errors ? `, ${subject.errors} errors` : ''}`,
        );
      }
    }
    partial.rows = scenarios.map(summariseRounds);
    let checkoutResult: CheckoutResult | undefined;
    if (wanted('checkout')) {
      checkoutResult = await checkout(api, settings.buyers, settings.checkoutSeconds, (confirmed, elapsed) =>
        progress(`checkout ${elapsed.toFixed(0)}s ${confirmed} confirmed ${(confirmed / Math.max(elapsed, 0.001)).toFixed(1)}/s`),
      );
      partial.checkout = checkoutResult;
      log(`checkout: ${checkoutResult.confirmedPerSecond.toFixed(1)} confirmed/s, POST /orders p95 ${checkoutResult.placeP95.toFixed(0)} ms`);
    }
    let flash: FlashSaleResult | undefined;
    if (wanted('flash-sale')) {
      progress('flash sale: 500 buyers registering');
      flash = await flashSale(api, 500, 50);
      partial.flashSale = flash;
      log(`flash sale: ${flash.confirmed} confirmed, ${flash.cancelled} cancelled, ${flash.soldOut} told sold out, ${flash.pending} pending`);
      if (shop.pid !== undefined) partial.rssAfterFlashSaleMb = rssMb(shop.pid);
    }
    if (shop.pid !== undefined) {
      // Let the outbox, bus and sweepers drain the load, then measure an idle shop.
      await new Promise((r) => setTimeout(r, 5000));
      progress('measuring idle CPU for 20 s');
      const idle = await idleCpu(shop.pid, 20);
      partial.idleCpuPercent = idle.percent;
      partial.idleCpuByService = idle.byService;
    }
  } finally {
    await shop?.stop().catch(() => undefined);
    await stopProcess(baseline.child);
    await infra?.stop().catch(() => undefined);
    data?.remove();
  }
  const report: BenchReport = { ...partial, targets: judge(partial) };
  const dir = join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${settings.tier}${settings.processes ? '-processes' : ''}-${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`\n${formatReport(report)}\nresults: ${file}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
