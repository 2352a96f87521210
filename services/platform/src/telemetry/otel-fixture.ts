// A service app that serves one request and stops: telemetry.test.ts runs it with the preload, with and
// without an OTLP endpoint, and reads whether OpenTelemetry's SDK was loaded from its output (its API
// package alone comes with prom-client).
import type { AddressInfo } from 'node:net';
import { createServiceApp } from '../http/kit';
import { createLogger } from '../logger';

const app = createServiceApp({ name: 'otel-fixture', logger: createLogger({ level: 'silent' }), routers: [] });
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  void fetch(`http://127.0.0.1:${port}/`, { headers: { traceparent: `00-${'ab'.repeat(16)}-${'cd'.repeat(8)}-01` } }).then(async (res) => {
    await res.arrayBuffer();
    process.stdout.write(
      JSON.stringify({
        otelLoaded: Object.keys(require.cache).some((path) => path.includes('@opentelemetry/sdk-node')),
        traceparent: res.headers.get('traceparent'),
      }),
    );
    server.close();
  });
});
