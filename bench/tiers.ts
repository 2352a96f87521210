import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { startShopProcess, UNTHROTTLED } from '../services/shop/test/shop-process';

/** Where the shop under bench runs. */
export type Tier = 'embedded' | 'integration' | 'dapr';

/** A running shop. */
export interface RunningShop {
  baseUrl: string;
  /** Root of the process tree to measure (RSS, CPU); undefined when the shop is not ours. */
  pid: number | undefined;
  /** Seconds from start to the first product list served. */
  readySeconds: number;
  /** Stops the shop, keeping its data (for a reopen). */
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '..');
const PROVISION = join(ROOT, 'scripts/provision/redis-postgres.sh');

/** Budgets raised so the rate limiter measures itself, not 429s. */
const BENCH_ENV = {
  LOG_LEVEL: 'warn',
  ...UNTHROTTLED,
  // The edge cache is off by default (see the gateway config); a shop under load turns it on.
  GATEWAY_EDGE_CACHE_TTL_MS: '5000',
};

async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ready = await fetch(url).then(
      async (r) => r.ok && ((await r.json()) as { items: unknown[] }).items.length > 0,
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the shop did not serve ${url} within ${timeoutMs / 1000} s`);
}

/** The infrastructure a tier needs, started for the bench and stopped after it if it was not running before. */
export interface Infrastructure {
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** PostgreSQL and Redis from the provisioning script, with a fresh `shopmesh_bench` database. */
export async function startIntegrationInfra(log: (line: string) => void): Promise<Infrastructure> {
  const wasUp = execFileSync('bash', [PROVISION, 'status'], { encoding: 'utf8' }).includes('postgres: up');
  execFileSync('bash', [PROVISION, 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const env = Object.fromEntries(
    execFileSync('bash', [PROVISION, 'env'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  ) as Record<string, string>;
  const admin = new Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  await admin.query('drop database if exists shopmesh_bench with (force)');
  await admin.query('create database shopmesh_bench');
  await admin.end();
  await new Promise<void>((r) => {
    // Flush Redis so carts and rate-limit counters of an earlier run do not carry over.
    execFileSync('redis-cli', ['-u', env.REDIS_URL!, 'flushall'], { stdio: 'ignore' });
    r();
  });
  log(`integration tier: PostgreSQL ${env.DATABASE_URL!.replace(/:[^:@/]+@/, ':***@')}, Redis ${env.REDIS_URL}`);
  return {
    env: { DATABASE_URL: `${env.DATABASE_URL!.replace(/\/[^/]*$/, '')}/shopmesh_bench`, REDIS_URL: env.REDIS_URL! },
    stop: async () => {
      if (!wasUp) execFileSync('bash', [PROVISION, 'stop'], { stdio: 'ignore' });
    },
  };
}

/** Options of {@link startShop}. */
export interface ShopOptions {
  port: number;
  /** Each service its own process (`npm start -- --processes`). */
  processes: boolean;
  /** Data directory of the embedded tier (kept between a fresh start and a reopen). */
  dataDir?: string;
  env: Record<string, string>;
  extraEnv?: Record<string, string>;
  /** Writes a V8 CPU profile of every shop process into this directory when they exit. */
  cpuProfileDir?: string;
}

/** Starts `npm start` on the given tier settings and waits until it serves a product list. */
export async function startShop(options: ShopOptions): Promise<RunningShop> {
  const started = Date.now();
  const shop = await startShopProcess({
    port: options.port,
    args: options.processes ? ['--processes'] : [],
    nodeArgs: options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [],
    env: { ...BENCH_ENV, ...options.env, ...options.extraEnv },
    timeoutMs: 240_000,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  try {
    // Ready as the bench counts it, for every tier alike: the first product page served.
    await waitReady(`${shop.baseUrl}/api/v1/products?pageSize=20`, 60_000);
  } catch (err) {
    await shop.stop();
    throw err;
  }
  return { baseUrl: shop.baseUrl, pid: shop.child.pid, readySeconds: (Date.now() - started) / 1000, stop: shop.stop };
}

/** A fresh data directory for the embedded tier, removed by the returned function. */
export function scratchDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'shopmesh-bench-data-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The shop the Dapr tier runs (`npm run start:dapr`), already provisioned by its own CLI. */
export async function startDaprShop(log: (line: string) => void): Promise<RunningShop & { infra: Infrastructure }> {
  const started = Date.now();
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/dapr/cli.ts'), 'start', '--fresh'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...BENCH_ENV },
  });
  const baseUrl = 'http://127.0.0.1:8080';
  await waitReady(`${baseUrl}/api/v1/products?pageSize=20`, 600_000);
  log('dapr tier: every service beside its daprd');
  const stop = async () => {
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/dapr/cli.ts'), 'stop'], { stdio: 'ignore' });
  };
  return { baseUrl, pid: undefined, readySeconds: (Date.now() - started) / 1000, stop, infra: { env: {}, stop } };
}
