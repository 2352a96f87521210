import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request as sendRequest, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { currentScope } from '../context';
import type { AppId, InvokeRequest, InvokeResponse, InvokeStream, Invoker } from './port';
import { readInvokeResponse, unavailable } from './invoke-response';

/** How to reach an app: its base URL and any headers the transport needs (Dapr's `dapr-app-id`). */
export type Route = (appId: AppId) => { baseUrl: string; headers?: Record<string, string> };

/**
 * Service invocation over HTTP, used by both adapters: straight to the app's port in embedded mode,
 * through the sidecar's HTTP proxy (`dapr-app-id`) in dapr mode. Headers, status and body pass through;
 * the ambient request's `traceparent` and `x-request-id` are added (see `currentScope`).
 */
export function createHttpInvoker(route: Route, options: { timeoutMs?: number } = {}): Invoker {
  const timeoutMs = options.timeoutMs ?? 15_000;
  // undici's own request API, not WHATWG fetch: every hop of the shop goes through here, and fetch's
  // Request/Response/Headers objects cost the gateway several times the CPU of the call they make.
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const send = async (appId: AppId, req: InvokeRequest, signal: AbortSignal): Promise<Dispatcher.ResponseData> => {
    const target = route(appId);
    // The caller's trace and request id go along unless the request names its own.
    const scope = currentScope();
    const ambient: Record<string, string> = scope ? { traceparent: scope.traceparent, 'x-request-id': scope.requestId } : {};
    const headers: Record<string, string> = { ...ambient, ...req.headers, ...target.headers };
    let body: string | Buffer | undefined;
    if (req.body !== undefined) {
      body = typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body);
      headers['content-type'] ??= 'application/json';
    }
    try {
      return await sendRequest(`${target.baseUrl}${req.path}`, { method: req.method as Dispatcher.HttpMethod, headers, body, signal, dispatcher: agent });
    } catch (err) {
      throw unavailable(appId, (err as Error).message);
    }
  };
  const request = async (appId: AppId, req: InvokeRequest): Promise<InvokeResponse> => {
    const response = await send(appId, req, AbortSignal.timeout(timeoutMs));
    try {
      return { status: response.statusCode, headers: headersOf(response.headers), body: Buffer.from(await response.body.arrayBuffer()) };
    } catch (err) {
      throw unavailable(appId, (err as Error).message);
    }
  };
  const stream = async (appId: AppId, req: InvokeRequest): Promise<InvokeStream> => {
    const abort = new AbortController();
    const response = await send(appId, req, abort.signal);
    const body = response.body;
    body.once('close', () => abort.abort());
    body.on('error', () => undefined);
    return { status: response.statusCode, headers: headersOf(response.headers), body };
  };
  return {
    request,
    stream,
    json: async <T>(appId: AppId, req: InvokeRequest, schema: z.ZodType<T>) => readInvokeResponse(appId, await request(appId, req), schema),
  };
}

function headersOf(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
