import type { z } from 'zod';
import type { AppId, InvokeRequest, InvokeResponse, Invoker } from './port';
import { readInvokeResponse, unavailable } from './invoke-response';

/** How to reach an app: its base URL and any headers the transport needs (Dapr's `dapr-app-id`). */
export type Route = (appId: AppId) => { baseUrl: string; headers?: Record<string, string> };

/**
 * Service invocation over HTTP, used by both adapters: straight to the app's port in embedded mode,
 * through the sidecar's HTTP proxy (`dapr-app-id`) in dapr mode. Headers, status and body pass through.
 */
export function createHttpInvoker(route: Route, options: { timeoutMs?: number } = {}): Invoker {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const request = async (appId: AppId, req: InvokeRequest): Promise<InvokeResponse> => {
    const target = route(appId);
    const headers: Record<string, string> = { ...req.headers, ...target.headers };
    let body: string | Buffer | undefined;
    if (req.body !== undefined) {
      body = typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body);
      headers['content-type'] ??= 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(`${target.baseUrl}${req.path}`, { method: req.method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw unavailable(appId, (err as Error).message);
    }
    const out: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      out[key] = value;
    });
    return { status: response.status, headers: out, body: Buffer.from(await response.arrayBuffer()) };
  };
  return {
    request,
    json: async <T>(appId: AppId, req: InvokeRequest, schema: z.ZodType<T>) => readInvokeResponse(appId, await request(appId, req), schema),
  };
}
