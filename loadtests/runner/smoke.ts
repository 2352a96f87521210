import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startShopProcess, UNTHROTTLED } from '../../services/shop/test/shop-process';
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

/**
 * `npm run test:loadtests`: every k6 script of loadtests/ as a short smoke against a shop (BASE_URL, or
 * an embedded shop started here), thresholds evaluated. Fails when a threshold is breached or an
 * iteration throws.
 */
async function main(): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const only = process.argv.slice(2);
  // Otherwise the embedded shop (`npm start`) on loopback ports of its own, with fresh data.
  const shop = process.env.BASE_URL
    ? { baseUrl: process.env.BASE_URL, stop: async () => undefined }
    : await startShopProcess({ env: { ...UNTHROTTLED, LOG_LEVEL: 'warn' } });
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
