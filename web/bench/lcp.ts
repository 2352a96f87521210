import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/browser';
import { REPO, startShop, type RunningShop } from '../e2e/shop';

/**
 * `npm run bench:web`: loads home and a product page in headless Chromium against a warm shop, cold
 * browser cache each run, and reports Largest Contentful Paint and the bytes transferred; also the
 * gzip size of the JavaScript the first page needs (entry + its static imports).
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function firstPageJsGzip(): { files: string[]; bytes: number } {
  const dist = join(REPO, 'web/dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  return { files, bytes: files.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0) };
}

async function measure(browser: Browser, url: string, ready: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let transferred = 0;
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => undefined);
    if (sizes) transferred += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await ready(page);
  const lcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]?.startTime ?? 0);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      }),
  );
  await context.close();
  return { lcp, transferred };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const external = process.env.SHOPMESH_BASE_URL;
  const shop: RunningShop | undefined = external ? undefined : await startShop();
  const base = external ?? shop!.baseUrl;
  const browser = await launchBrowser();
  try {
    const products = (await (await fetch(`${base}/api/v1/products?pageSize=1`)).json()) as { items: { id: string }[] };
    const pages = [
      { name: 'home', url: `${base}/`, ready: (p: Page) => p.getByTestId('product-card').first().waitFor() },
      { name: 'product', url: `${base}/p/${products.items[0]!.id}`, ready: (p: Page) => p.getByTestId('product-name').waitFor() },
    ];
    for (const pg of pages) await measure(browser, pg.url, pg.ready); // warm the shop's caches
    const js = firstPageJsGzip();
    process.stdout.write(`first-page JS: ${(js.bytes / 1024).toFixed(1)} kB gzip (${js.files.length} files; budget 150 kB)\n`);
    process.stdout.write(`JS chunks in dist: ${readdirSync(join(REPO, 'web/dist/assets')).filter((f) => f.endsWith('.js')).length}\n`);
    for (const pg of pages) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, pg.url, pg.ready));
      process.stdout.write(
        `${pg.name.padEnd(8)} LCP median ${median(runs.map((r) => r.lcp)).toFixed(0)} ms (min ${Math.min(...runs.map((r) => r.lcp)).toFixed(0)}, max ${Math.max(...runs.map((r) => r.lcp)).toFixed(0)}) · transfer median ${(median(runs.map((r) => r.transferred)) / 1024).toFixed(1)} kB · ${RUNS} cold-cache runs\n`,
      );
    }
  } finally {
    await browser.close();
    await shop?.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
