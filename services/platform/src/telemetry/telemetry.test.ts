import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = join(__dirname, '../../../..');

/** Runs the fixture app the way `npm start` runs the shop: tsx plus the telemetry preload. */
async function fixture(env: Record<string, string>): Promise<{ otelLoaded: boolean; traceparent: string }> {
  const { OTEL_EXPORTER_OTLP_ENDPOINT: _unset, ...base } = process.env;
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--import', './services/platform/src/telemetry/preload.ts', './services/platform/src/telemetry/otel-fixture.ts'],
    { cwd: REPO, env: { ...base, ...env }, timeout: 60_000 },
  );
  return JSON.parse(stdout) as { otelLoaded: boolean; traceparent: string };
}

describe('OpenTelemetry', () => {
  it('when OTEL_EXPORTER_OTLP_ENDPOINT is unset, then the SDK is never loaded', async () => {
    const out = await fixture({});

    expect(out.otelLoaded).toBe(false);
    expect(out.traceparent).toMatch(new RegExp(`^00-${'ab'.repeat(16)}-[0-9a-f]{16}-01$`));
  });

  it('when OTEL_EXPORTER_OTLP_ENDPOINT is set, then the request span goes out over OTLP/HTTP in the caller trace', async () => {
    const received: { path: string; body: Buffer }[] = [];
    const collector = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = collector.address() as AddressInfo;
      const out = await fixture({
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '50',
      });

      expect(out.otelLoaded).toBe(true);
      const traces = received.filter((r) => r.path === '/v1/traces');
      expect(traces.length).toBeGreaterThan(0);
      expect(traces.map((t) => t.body.toString('utf8')).join('')).toContain('ab'.repeat(16));
      // The request's own span is the exported server span, so its response names that span.
      expect(out.traceparent.startsWith(`00-${'ab'.repeat(16)}-`)).toBe(true);
    } finally {
      collector.close();
    }
  });
});
