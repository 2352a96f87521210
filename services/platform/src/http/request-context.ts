import { randomBytes, randomUUID } from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from '../logger';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Per-request values every service can rely on. */
export interface RequestState {
  requestId: string;
  /** W3C trace context to forward on outgoing calls and events. */
  traceparent: string;
  log: Logger;
}

declare module 'koa' {
  interface DefaultState {
    requestId: string;
    traceparent: string;
    log: Logger;
  }
}

/**
 * Adopts or creates `x-request-id` and a W3C `traceparent` (a fresh span id under the caller's trace),
 * echoes both, and logs one line per request with its status and duration.
 */
export function requestContext(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    const requestId = ctx.get('x-request-id') || randomUUID();
    const incoming = TRACEPARENT.exec(ctx.get('traceparent'));
    const traceId = incoming?.[1] ?? randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-${incoming?.[3] ?? '01'}`;
    ctx.state.requestId = requestId;
    ctx.state.traceparent = traceparent;
    ctx.state.log = logger.child({ requestId, traceId });
    ctx.set('x-request-id', requestId);
    ctx.set('traceparent', traceparent);
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (ctx.path !== '/healthz' && ctx.path !== '/readyz' && ctx.path !== '/metrics') {
        ctx.state.log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
      }
    }
  };
}
