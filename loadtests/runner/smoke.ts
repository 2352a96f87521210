import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runScript } from './run';

/** Every k6 script and how small its smoke is. */
export const SMOKES: { script: string; env: Record<string, string>; maxVus: number; iterationsPerVu: number }[] = [
  { script: 'browse.js', env: { SMOKE: '1', THINK_SECONDS: '0' }, maxVus: 2, iterationsPerVu: 10 },
  { script: 'search.js', env: { SMOKE: '1' }, maxVus: 2, iterationsPerVu: 3 },
  { script: 'cart.js', env: { SMOKE: '1', THINK_SECONDS: '0' }, maxVus: 2, iterationsPerVu: 1 },
  { script: 'checkout.js', env: { SMOKE: '1' }, maxVus: 2, iterationsPerVu: 2 },
  // More buyers than units, all at once: exactly STOCK confirmed, the rest sold out, none pending.
  { script: 'flash-sale.js', env: { SMOKE: '1', BUYERS: '5', STOCK: '2' }, maxVus: 5, iterationsPerVu: 1 },
  { script: 'soak.js', env: { SMOKE: '1', THINK_SECONDS: '0' }, maxVus: 1, iterationsPerVu: 2 },
];

const ROOT = resolve(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

async function waitReady(url: string, shop: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (shop.exitCode !== null) throw new Error(`the shop exited with ${shop.exitCode} before it was ready`);
    // The gateway answers before the seed has run; the shop is ready when the catalog lists products.
    const ok = await fetch(url).then(
      async (r) => r.ok && ((await r.json()) as { items: unknown[] }).items.length > 0,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the shop did not answer ${url} within ${timeoutMs} ms`);
}

/** Starts the embedded shop (`npm start`) on a loopback port with fresh data and raised rate limits. */
async function startShop(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'shopmesh-k6-smoke-'));
  const shop = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'services/shop/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      // A free management port: several shops (and a developer's `npm start` on 8081) may run at once.
      MANAGEMENT_PORT: '0',
      SHOPMESH_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_IP_PER_MINUTE: '1000000',
      RATE_LIMIT_USER_PER_MINUTE: '1000000',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
      RATE_LIMIT_SIGNUP_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (shop.exitCode === null) {
      const exited = new Promise((r) => shop.once('exit', r));
      shop.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(`${baseUrl}/api/v1/products?pageSize=1`, shop, 300_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, stop };
}

/**
 * `npm run test:loadtests`: every k6 script of loadtests/ as a short smoke against a shop (BASE_URL, or
 * an embedded shop started here), thresholds evaluated. Fails when a threshold is breached or an
 * iteration throws.
 */
async function main(): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const only = process.argv.slice(2);
  const shop = process.env.BASE_URL ? { baseUrl: process.env.BASE_URL, stop: async () => undefined } : await startShop();
  const summaryDir = mkdtempSync(join(tmpdir(), 'shopmesh-k6-summaries-'));
  let failed = 0;
  let passed = 0;
  try {
    for (const smoke of SMOKES.filter((s) => only.length === 0 || only.includes(s.script))) {
      out(`\n== ${smoke.script}`);
      const result = await runScript({
        script: join(ROOT, 'loadtests', smoke.script),
        env: { ...smoke.env, BASE_URL: shop.baseUrl, SUMMARY_DIR: summaryDir },
        maxVus: smoke.maxVus,
        iterationsPerVu: smoke.iterationsPerVu,
        out,
      });
      const ran = Object.values(result.iterations).every((n) => n > 0);
      if (result.exitCode === 0 && ran) passed++;
      else {
        failed++;
        out(`${smoke.script}: FAILED (exit ${result.exitCode}${ran ? '' : ', a scenario ran no iteration'})`);
      }
    }
  } finally {
    await shop.stop();
    rmSync(summaryDir, { recursive: true, force: true });
  }
  out(`\nk6 smoke: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
