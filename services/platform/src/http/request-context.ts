import type Koa from 'koa';
import { activeSpanTraceparent, newScope } from '../context';
import type { Logger } from '../logger';
import { acceptableRequestId } from './hygiene';
import { SIDECAR_LIVENESS_PATH } from './sidecar-liveness';

declare module 'koa' {
  interface DefaultState {
    requestId: string;
    traceparent: string;
    log: Logger;
  }
}

/**
 * Adopts `x-request-id` (when it is a short token of safe characters; else a fresh one) or creates it, and a W3C `traceparent` (a fresh span id under the caller's trace),
 * puts them and the request logger in `ctx.state` (which the app's AsyncLocalStorage makes ambient, see
 * `currentScope`), echoes both headers, and logs one line per request with its status and duration.
 */
export function requestContext(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    // With OpenTelemetry on, the request's span is the HTTP server span it already started (under the
    // caller's traceparent); otherwise a span id of our own under the caller's trace.
    const scope = newScope(logger, { parent: ctx.get('traceparent'), requestId: acceptableRequestId(ctx.get('x-request-id')), exact: activeSpanTraceparent() });
    ctx.state.requestId = scope.requestId;
    ctx.state.traceparent = scope.traceparent;
    ctx.state.log = scope.log;
    ctx.set('x-request-id', scope.requestId);
    ctx.set('traceparent', scope.traceparent);
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // daprd's liveness probe comes every second; a line for each would drown the log.
      if (ctx.path !== SIDECAR_LIVENESS_PATH) {
        ctx.state.log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
      }
    }
  };
}
