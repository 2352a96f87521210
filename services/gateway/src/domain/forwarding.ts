/** Request headers the gateway passes on to services; everything else (cookies, host) stays at the edge. */
export const FORWARDED_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'if-match',
  'if-none-match',
  'last-event-id',
  'accept',
  'x-cart-id',
] as const;

/** Response headers the gateway passes back to clients. */
export const RETURNED_RESPONSE_HEADERS = [
  'content-type',
  'etag',
  'retry-after',
  'location',
  'cache-control',
  'www-authenticate',
  'idempotent-replayed',
  // A guest cart's signed id (cart issues it; the client sends it back).
  'x-cart-id',
  'allow',
] as const;

type Headers = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * The headers of a forwarded request: the allowed client headers plus this hop's request id, trace
 * context and the client's address as the gateway determined it (identity throttles logins by it; a
 * client cannot set it, since only the allowed headers are copied).
 */
export function forwardedRequestHeaders(incoming: Headers, context: { requestId: string; traceparent: string }, clientIp?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = first(incoming[name]);
    if (value !== undefined) out[name] = value;
  }
  out['x-request-id'] = context.requestId;
  out.traceparent = context.traceparent;
  if (clientIp) out['x-client-ip'] = clientIp;
  return out;
}

/** The allowed headers of a service's response. */
export function returnedResponseHeaders(upstream: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of RETURNED_RESPONSE_HEADERS) {
    const value = upstream[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
