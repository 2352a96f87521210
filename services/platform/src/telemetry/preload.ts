// Preloaded with `node --import` (see package.json `start`, scripts/dapr/stack.ts) so OpenTelemetry can
// hook `http` and `pg` before anything loads them. Without OTEL_EXPORTER_OTLP_ENDPOINT it loads nothing:
// the SDK is required only when spans have somewhere to go.
import { createRequire } from 'node:module';

if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  const otel = createRequire(__filename)('./otel') as typeof import('./otel');
  otel.startOtel(process.env.OTEL_SERVICE_NAME ?? 'shopmesh');
}
