import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from './logger';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** What every piece of work carries: request id, W3C trace context and a logger bound to both. */
export interface RequestScope {
  requestId: string;
  /** W3C trace context of the current span; outgoing calls and events continue this trace. */
  traceparent: string;
  log: Logger;
}

/** What the storage holds: a Koa context (whose `state` the request middleware fills) or a bare scope. */
interface ScopeCarrier {
  state: Partial<RequestScope>;
}

/**
 * The one AsyncLocalStorage of the process. Every service app hands it to Koa (`asyncLocalStorage`
 * option), so during a request it holds the Koa context; event deliveries and workflow activities run
 * in a scope of their own through {@link runInScope}. Code anywhere below reads it with
 * {@link currentScope} instead of threading trace and logger through its parameters.
 */
export const requestStorage = new AsyncLocalStorage<ScopeCarrier>();

/** The scope of the request, event or activity being served, if any. */
export function currentScope(): RequestScope | undefined {
  const state = requestStorage.getStore()?.state;
  return state?.requestId && state.traceparent && state.log ? { requestId: state.requestId, traceparent: state.traceparent, log: state.log } : undefined;
}

/** The current scope's logger, or `fallback` outside any scope (start-up, background passes). */
export function currentLogger(fallback: Logger): Logger {
  return currentScope()?.log ?? fallback;
}

/** The trace id of a traceparent (`00-<trace id>-<span id>-<flags>`), if it is a valid one. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return traceparent ? TRACEPARENT.exec(traceparent)?.[1] : undefined;
}

/** A new span under `parent`'s trace (keeping its flags), or the root span of a new trace. */
export function childTraceparent(parent: string | undefined): string {
  const incoming = parent ? TRACEPARENT.exec(parent) : null;
  const traceId = incoming?.[1] ?? randomBytes(16).toString('hex');
  return `00-${traceId}-${randomBytes(8).toString('hex')}-${incoming?.[3] ?? '01'}`;
}

/** Builds the scope of a unit of work continuing `parent` (a new trace when it is missing or invalid). */
export function newScope(
  logger: Logger,
  from: { parent?: string | undefined; requestId?: string | undefined; bindings?: Record<string, unknown>; exact?: string | undefined },
): RequestScope {
  // `exact` is a span that already exists (OpenTelemetry's server span): it is the scope's own.
  const traceparent = from.exact ?? childTraceparent(from.parent);
  const requestId = from.requestId || randomUUID();
  return { requestId, traceparent, log: logger.child({ requestId, traceId: traceIdOf(traceparent), ...from.bindings }) };
}

/** Where the traceparent of an active OpenTelemetry span comes from, once telemetry runs. */
let spanSource: () => string | undefined = () => undefined;

/** Called by the telemetry module when OpenTelemetry starts: requests then adopt its server span. */
export function useSpanSource(source: () => string | undefined): void {
  spanSource = source;
}

/** The traceparent of the active OpenTelemetry span, when telemetry runs and a span is active. */
export function activeSpanTraceparent(): string | undefined {
  return spanSource();
}

/** Runs `work` inside `scope`: invocations, outbox events and logs made under it carry its trace. */
export function runInScope<T>(scope: RequestScope, work: () => T): T {
  return requestStorage.run({ state: scope }, work);
}
