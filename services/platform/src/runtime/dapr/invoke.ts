import { Readable } from 'node:stream';
import { createHttpInvoker } from '../http-invoker';
import { unavailable } from '../invoke-response';
import type { Invoker } from '../port';

/**
 * Service invocation through daprd's HTTP proxy (`dapr-app-id`), so headers, status and body of the
 * callee pass through unchanged. What daprd answers by itself when it cannot reach the callee (a 5xx
 * JSON body with an `ERR_*` errorCode: app down or unhealthy, no sidecar at that id) is not the
 * callee's answer: it becomes the same 502 upstream-unavailable the embedded runtime throws for an
 * unreachable app, instead of passing daprd's internals (addresses, gRPC codes) on to the caller.
 */
export function createDaprInvoker(daprHttpUrl: string, options: { timeoutMs?: number } = {}): Invoker {
  const http = createHttpInvoker((appId) => ({ baseUrl: daprHttpUrl, headers: { 'dapr-app-id': appId } }), options);
  return {
    async request(appId, req) {
      const response = await http.request(appId, req);
      const failure = sidecarFailure(response.status, response.headers, response.body);
      if (failure) throw unavailable(appId, failure);
      return response;
    },
    async stream(appId, req) {
      const response = await http.stream(appId, req);
      if (response.status < 500 || !isJson(response.headers)) return response;
      const body = await readAll(response.body);
      const failure = sidecarFailure(response.status, response.headers, body);
      if (failure) throw unavailable(appId, failure);
      return { ...response, body: Readable.from([body]) };
    },
    // json already turns every 5xx into a 502.
    json: http.json,
  };
}

const isJson = (headers: Record<string, string>) => /^application\/json\b/i.test(headers['content-type'] ?? '');

/** daprd's own failure to invoke (`ERR_DIRECT_INVOKE: ...`), or undefined for an answer of the callee. */
export function sidecarFailure(status: number, headers: Record<string, string>, body: Buffer): string | undefined {
  if (status < 500 || !isJson(headers)) return undefined;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errorCode?: unknown; message?: unknown };
    return typeof parsed.errorCode === 'string' && parsed.errorCode.startsWith('ERR_') ? `${parsed.errorCode}: ${String(parsed.message)}` : undefined;
  } catch {
    return undefined;
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
