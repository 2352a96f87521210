import http from 'node:http';
import https from 'node:https';
import type { WireRequest, WireResponse } from './protocol';

/** Keep-alive agents shared by every VU, as k6 reuses connections per VU. */
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** Error codes k6 reports for failures that have no HTTP status (see k6's error codes). */
const ERROR_CODES: Record<string, number> = { ECONNREFUSED: 1212, ECONNRESET: 1220, ETIMEDOUT: 1050, ENOTFOUND: 1101 };

/** Performs one request for a VU; network failures become status 0 with k6's error fields. */
export function performRequest(request: WireRequest): Promise<WireResponse> {
  return new Promise((resolve) => {
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    const started = performance.now();
    let waitingMs = 0;
    const failed = (code: string, message: string) =>
      resolve({ status: 0, headers: {}, body: '', durationMs: performance.now() - started, waitingMs, error: message, errorCode: ERROR_CODES[code] ?? 1000 });
    const req = (secure ? https : http).request(
      url,
      {
        method: request.method,
        headers: {
          'user-agent': 'shopmesh-k6-runner',
          ...request.headers,
          ...(request.body !== undefined ? { 'content-length': Buffer.byteLength(request.body) } : {}),
        },
        agent: secure ? agents.https : agents.http,
        timeout: request.timeoutMs,
      },
      (res) => {
        waitingMs = performance.now() - started;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (err: NodeJS.ErrnoException) => failed(err.code ?? '', err.message));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({
            status: res.statusCode ?? 0,
            headers,
            body: Buffer.concat(chunks).toString('utf8'),
            durationMs: performance.now() - started,
            waitingMs,
            error: '',
            errorCode: 0,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error(`request timeout after ${request.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => failed(err.code ?? '', err.message));
    req.end(request.body);
  });
}

/** Closes the idle keep-alive sockets so the process can exit. */
export function closeAgents(): void {
  agents.http.destroy();
  agents.https.destroy();
}
