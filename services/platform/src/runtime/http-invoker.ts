import type { z } from 'zod';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
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
  const send = async (appId: AppId, req: InvokeRequest, signal: AbortSignal): Promise<Response> => {
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
      return await fetch(`${target.baseUrl}${req.path}`, { method: req.method, headers, body, signal, redirect: 'manual' });
    } catch (err) {
      throw unavailable(appId, (err as Error).message);
    }
  };
  const request = async (appId: AppId, req: InvokeRequest): Promise<InvokeResponse> => {
    const response = await send(appId, req, AbortSignal.timeout(timeoutMs));
    return { status: response.status, headers: headersOf(response), body: Buffer.from(await response.arrayBuffer()) };
  };
  const stream = async (appId: AppId, req: InvokeRequest): Promise<InvokeStream> => {
    const abort = new AbortController();
    const response = await send(appId, req, abort.signal);
    const body = response.body ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) : Readable.from([]);
    body.once('close', () => abort.abort());
    body.on('error', () => undefined);
    return { status: response.status, headers: headersOf(response), body };
  };
  return {
    request,
    stream,
    json: async <T>(appId: AppId, req: InvokeRequest, schema: z.ZodType<T>) => readInvokeResponse(appId, await request(appId, req), schema),
  };
}

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}
