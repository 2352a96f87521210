import type { CallMeta } from '../domain/ports';

/** The request's trace context (set by the platform's request context), for calls and events made on its behalf. */
export function callMeta(ctx: { state: unknown }): CallMeta {
  const { traceparent } = ctx.state as { traceparent?: unknown };
  return typeof traceparent === 'string' ? { traceparent } : {};
}
