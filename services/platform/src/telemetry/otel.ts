import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { useSpanSource } from '../context';

/**
 * Starts OpenTelemetry's Node SDK: spans of HTTP servers (every service's requests, which continue the
 * caller's `traceparent`) and of PostgreSQL queries, exported over OTLP/HTTP to
 * OTEL_EXPORTER_OTLP_ENDPOINT (the SDK reads OTEL_* settings itself). Outgoing calls carry the
 * traceparent the platform puts on them (see `currentScope`), which from here on is the server span's.
 */
export function startOtel(serviceName: string): NodeSDK {
  const sdk = new NodeSDK({
    serviceName,
    traceExporter: new OTLPTraceExporter(),
    // Client spans are left out: service invocation sets its own traceparent header, and a second one
    // from the client instrumentation would make the callee's header invalid.
    instrumentations: [new HttpInstrumentation({ disableOutgoingRequestInstrumentation: true }), new PgInstrumentation()],
  });
  sdk.start();
  useSpanSource(() => {
    const span = trace.getActiveSpan()?.spanContext();
    return span && trace.isSpanContextValid(span) ? `00-${span.traceId}-${span.spanId}-0${span.traceFlags.toString(16)}` : undefined;
  });
  process.once('beforeExit', () => void sdk.shutdown());
  return sdk;
}
