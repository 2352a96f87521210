import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from './run';

const SCRIPT = join(__dirname, 'fixtures/shop-like.mjs');

describe('the k6 runner', () => {
  let server: Server;
  let baseUrl: string;
  let outDir: string;
  const seen: { method: string; url: string; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', body });
        if (req.url?.startsWith('/items')) {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ items: ['a', 'b'] }));
        } else if (req.url === '/orders' && req.method === 'POST') {
          res.statusCode = JSON.parse(body).qty === 1 ? 201 : 400;
          res.end('{}');
        } else {
          res.statusCode = 500;
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    seen.length = 0;
    outDir = mkdtempSync(join(tmpdir(), 'k6-runner-test-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('when every threshold holds, then it exits 0 and handleSummary writes k6 summary data', async () => {
    const result = await runScript({ script: SCRIPT, env: { BASE_URL: baseUrl, OUT_DIR: outDir }, maxVus: 2, iterationsPerVu: 3 });

    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.iterations).toEqual({ browse: 6, buy: 1 });
    const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8'));
    expect(summary.metrics.http_reqs.values.count).toBe(7);
    expect(summary.metrics.ordered.values.count).toBe(1);
    expect(summary.metrics['http_req_failed{scenario:browse}'].thresholds).toEqual({ 'rate<0.01': { ok: true } });
    expect(summary.metrics.checks.values.rate).toBe(1);
    expect(summary.root_group.checks).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'items: json', passes: 6, fails: 0 })]));
  });

  it('when VUs run, then each has its own __VU and __ITER and sees the setup data', async () => {
    await runScript({ script: SCRIPT, env: { BASE_URL: baseUrl, OUT_DIR: outDir }, maxVus: 2, iterationsPerVu: 2 });

    const reads = seen.filter((r) => r.url.startsWith('/items')).map((r) => r.url);
    expect(reads.sort()).toEqual(['/items?vu=1&iter=0', '/items?vu=1&iter=1', '/items?vu=2&iter=0', '/items?vu=2&iter=1']);
    expect(seen.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', url: '/orders', body: '{"qty":1}' }]);
  });

  it('when a threshold is breached, then it exits 99 as k6 does and the summary marks it failed', async () => {
    const result = await runScript({
      script: SCRIPT,
      env: { BASE_URL: baseUrl, OUT_DIR: outDir, FAILED_THRESHOLD: 'rate>0.5' },
      maxVus: 1,
      iterationsPerVu: 1,
    });

    expect(result.exitCode).toBe(99);
    expect(result.thresholds.find((t) => t.key === 'http_req_failed{scenario:browse}')).toMatchObject({ ok: false, actual: 0 });
  });

  it('when an iteration throws, then the run fails with the error and the other iterations still run', async () => {
    const result = await runScript({ script: SCRIPT, env: { BASE_URL: baseUrl, OUT_DIR: outDir, THROW: '1' }, maxVus: 1, iterationsPerVu: 2 });

    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toContain('boom');
    expect(result.iterations.browse).toBe(2);
  });

  it('when the server is unreachable, then requests fail with status 0 and http_req_failed counts them', async () => {
    const result = await runScript({ script: SCRIPT, env: { BASE_URL: 'http://127.0.0.1:1', OUT_DIR: outDir }, maxVus: 1, iterationsPerVu: 1 });

    expect(result.exitCode).toBe(99);
    expect(result.summary.metrics.http_req_failed!.values.rate).toBe(1);
  });
});
