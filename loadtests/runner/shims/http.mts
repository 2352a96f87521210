import { vuState } from './state.mjs';
import type { WireResponse } from '../protocol.js';

type Body = string | Record<string, string | number | boolean> | null | undefined;

/** The request parameters the scripts use (a subset of k6's Params). */
export interface Params {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  timeout?: string | number;
  responseCallback?: (response: { status: number }) => boolean;
}

function timeoutMs(timeout: Params['timeout']): number {
  if (timeout === undefined) return 60_000;
  if (typeof timeout === 'number') return timeout;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(timeout);
  if (!match) throw new Error(`invalid timeout "${timeout}"`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
}

/** A k6 response: status, body, headers, timings, and `json()` with an optional dotted selector. */
export class Response {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly timings: { duration: number; waiting: number; receiving: number; sending: number; blocked: number; connecting: number; tls_handshaking: number };
  readonly error: string;
  readonly error_code: number;

  constructor(
    readonly url: string,
    readonly request: { method: string; url: string; body: string },
    wire: WireResponse,
  ) {
    this.status = wire.status;
    this.body = wire.body;
    // k6 canonicalises header names (Content-Type); scripts read them that way.
    this.headers = Object.fromEntries(
      Object.entries(wire.headers).map(([k, v]) => [k.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase()), v]),
    );
    this.timings = {
      duration: wire.durationMs,
      waiting: wire.waitingMs,
      receiving: Math.max(0, wire.durationMs - wire.waitingMs),
      sending: 0,
      blocked: 0,
      connecting: 0,
      tls_handshaking: 0,
    };
    this.error = wire.error;
    this.error_code = wire.errorCode;
  }

  json(selector?: string): unknown {
    let value: unknown = JSON.parse(this.body);
    for (const key of selector ? selector.split('.') : []) {
      value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[key];
    }
    return value;
  }
}

function encodeBody(body: Body, headers: Record<string, string>): string | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string') return body;
  // k6 sends an object body as a form, as a browser would.
  headers['content-type'] ??= 'application/x-www-form-urlencoded';
  return new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)])).toString();
}

/** k6's `http.request`: performs the request and records http_reqs, http_req_duration, http_req_failed. */
export function request(method: string, url: string, body?: Body, params: Params = {}): Response {
  const state = vuState();
  const headers = Object.fromEntries(Object.entries(params.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const encoded = encodeBody(body, headers);
  const wire = state.http({ method, url, headers, timeoutMs: timeoutMs(params.timeout), ...(encoded !== undefined ? { body: encoded } : {}) });
  const response = new Response(url, { method, url, body: encoded ?? '' }, wire);
  const expected = wire.errorCode === 0 && (params.responseCallback ? params.responseCallback(response) : state.expectedStatus(wire.status));
  const tags = { method, url, name: url, status: String(wire.status), expected_response: String(expected), ...params.tags };
  state.record('http_reqs', 'counter', 1, tags);
  state.record('http_req_failed', 'rate', expected ? 0 : 1, tags);
  state.record('http_req_duration', 'trend', wire.durationMs, tags, 'time');
  state.record('http_req_waiting', 'trend', wire.waitingMs, tags, 'time');
  return response;
}

export const get = (url: string, params?: Params) => request('GET', url, null, params);
export const head = (url: string, params?: Params) => request('HEAD', url, null, params);
export const post = (url: string, body?: Body, params?: Params) => request('POST', url, body, params);
export const put = (url: string, body?: Body, params?: Params) => request('PUT', url, body, params);
export const patch = (url: string, body?: Body, params?: Params) => request('PATCH', url, body, params);
export const del = (url: string, body?: Body, params?: Params) => request('DELETE', url, body, params);

type BatchRequest = string | [string, string, Body?, Params?] | { method: string; url: string; body?: Body; params?: Params };

/**
 * k6's `http.batch`. k6 sends the requests in parallel; this runner sends them one after another on the
 * VU's thread, which changes timing only, not what the script sees.
 */
export function batch(requests: BatchRequest[] | Record<string, BatchRequest>): Response[] | Record<string, Response> {
  const one = (r: BatchRequest): Response => {
    if (typeof r === 'string') return get(r);
    if (Array.isArray(r)) return request(r[0], r[1], r[2], r[3]);
    return request(r.method, r.url, r.body, r.params);
  };
  if (Array.isArray(requests)) return requests.map(one);
  return Object.fromEntries(Object.entries(requests).map(([key, r]) => [key, one(r)]));
}

type StatusRange = number | { min: number; max: number };

/** k6's `http.expectedStatuses`: the callback that tells http_req_failed which statuses are expected. */
export function expectedStatuses(...statuses: StatusRange[]): (response: { status: number }) => boolean {
  return (response) => statuses.some((s) => (typeof s === 'number' ? response.status === s : response.status >= s.min && response.status <= s.max));
}

/** k6's `http.setResponseCallback`: the VU-wide default for what counts as a failed request. */
export function setResponseCallback(callback: (response: { status: number }) => boolean): void {
  vuState().expectedStatus = (status) => callback({ status });
}

export default { request, get, head, post, put, patch, del, batch, expectedStatuses, setResponseCallback };
