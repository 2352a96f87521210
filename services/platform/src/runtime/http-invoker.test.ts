import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { DomainError } from '../errors';
import { createHttpInvoker } from './http-invoker';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A callee on a loopback port; each test sets `handle` and reads `seen`. */
async function startCallee(): Promise<{ port: number; seen: Seen[]; setHandler(h: Handler): void; close(): Promise<void> }> {
  const seen: Seen[] = [];
  let handle: Handler = (_req, res) => res.writeHead(204).end();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    setHandler: (h) => (handle = h),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw new Error(`expected a DomainError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected a rejection');
}

/** What `promise` resolves to, or 'timed out' after `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const Product = z.object({ id: z.string(), price: z.number() });

describe('createHttpInvoker', () => {
  let callee: Awaited<ReturnType<typeof startCallee>>;
  const invoker = () => createHttpInvoker((appId) => ({ baseUrl: `http://127.0.0.1:${callee.port}`, headers: { 'dapr-app-id': appId } }), { timeoutMs: 500 });

  beforeAll(async () => {
    callee = await startCallee();
  });
  afterAll(() => callee.close());
  beforeEach(() => {
    callee.seen.length = 0;
  });

  it('when request() is used, then status, headers and body pass through as the callee sent them', async () => {
    callee.setHandler((_req, res) => res.writeHead(418, { 'content-type': 'text/plain', etag: '"v7"', 'x-custom': 'yes' }).end('short and stout'));

    const response = await invoker().request('catalog', { method: 'GET', path: '/teapot?size=small' });

    expect(response.status).toBe(418);
    expect(response.headers).toMatchObject({ 'content-type': 'text/plain', etag: '"v7"', 'x-custom': 'yes' });
    expect(response.body.toString('utf8')).toBe('short and stout');
    expect(callee.seen[0]).toMatchObject({ method: 'GET', url: '/teapot?size=small' });
  });

  it('when a request carries headers and an object body, then the callee gets them, JSON-encoded, plus the route headers', async () => {
    callee.setHandler((_req, res) => res.writeHead(204).end());

    await invoker().request('inventory', { method: 'POST', path: '/reservations', headers: { 'x-request-id': 'r-1' }, body: { orderId: 'o-1', qty: 2 } });

    const seen = callee.seen[0]!;
    expect(seen.method).toBe('POST');
    expect(seen.headers['x-request-id']).toBe('r-1');
    expect(seen.headers['dapr-app-id']).toBe('inventory');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen.body)).toEqual({ orderId: 'o-1', qty: 2 });
  });

  it('when the body is a Buffer with its own content type, then it is sent as is', async () => {
    callee.setHandler((_req, res) => res.writeHead(204).end());

    await invoker().request('catalog', { method: 'PUT', path: '/raw', headers: { 'content-type': 'text/csv' }, body: Buffer.from('a,b\n1,2') });

    expect(callee.seen[0]!.headers['content-type']).toBe('text/csv');
    expect(callee.seen[0]!.body).toBe('a,b\n1,2');
  });

  it('when the callee answers a redirect, then request() passes it through instead of following it', async () => {
    callee.setHandler((req, res) => {
      if (req.url === '/old') res.writeHead(302, { location: '/new' }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('followed');
    });

    const response = await invoker().request('catalog', { method: 'GET', path: '/old' });

    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/new');
    expect(callee.seen.map((s) => s.url)).toEqual(['/old']);
  });

  it('when json() gets a 2xx, then the body is parsed with the schema', async () => {
    callee.setHandler((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'p1', price: 1999, extra: true })));

    const product = await invoker().json('catalog', { method: 'GET', path: '/products/p1' }, Product);

    expect(product).toEqual({ id: 'p1', price: 1999 });
  });

  it('when json() gets a 4xx problem, then it throws a DomainError with the same status, code, detail and field errors', async () => {
    callee.setHandler((_req, res) =>
      res.writeHead(422, { 'content-type': 'application/problem+json' }).end(
        JSON.stringify({
          type: 'https://shopmesh.dev/problems/out-of-stock',
          title: 'Unprocessable Content',
          status: 422,
          detail: 'Only 2 left',
          code: 'out-of-stock',
          errors: [{ field: 'items.0.quantity', message: 'too many' }],
        }),
      ),
    );

    const err = await rejection(invoker().json('inventory', { method: 'POST', path: '/reservations', body: {} }, Product));

    expect(err.status).toBe(422);
    expect(err.code).toBe('out-of-stock');
    expect(err.message).toBe('Only 2 left');
    expect(err.errors).toEqual([{ field: 'items.0.quantity', message: 'too many' }]);
  });

  it('when json() gets a 4xx that is not a problem, then the status is kept with a generic code', async () => {
    callee.setHandler((_req, res) => res.writeHead(409, { 'content-type': 'text/plain' }).end('nope'));

    const err = await rejection(invoker().json('cart', { method: 'GET', path: '/x' }, Product));

    expect(err.status).toBe(409);
    expect(err.code).toBe('upstream-rejected');
  });

  it('when json() gets a 5xx, then it throws a 502 naming the callee', async () => {
    callee.setHandler((_req, res) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'internal', detail: 'secret' })));

    const err = await rejection(invoker().json('payments', { method: 'GET', path: '/x' }, Product));

    expect(err.status).toBe(502);
    expect(err.code).toBe('upstream-unavailable');
    expect(err.message).toContain('payments');
  });

  it('when json() gets a 2xx whose body does not match the schema, then it throws a 502', async () => {
    callee.setHandler((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 42 })));

    const err = await rejection(invoker().json('catalog', { method: 'GET', path: '/products/p1' }, Product));

    expect(err.status).toBe(502);
    expect(err.code).toBe('upstream-invalid');
  });

  it('when json() gets a 2xx that is not JSON at all, then it throws a 502 rather than a raw SyntaxError', async () => {
    callee.setHandler((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy error</html>'));

    const err = await rejection(invoker().json('catalog', { method: 'GET', path: '/products/p1' }, Product));

    expect(err.status).toBe(502);
    expect(err.code).toBe('upstream-invalid');
  });

  it('when the callee is unreachable, then json() and request() throw a 502', async () => {
    const port = await closedPort();
    const unreachable = createHttpInvoker(() => ({ baseUrl: `http://127.0.0.1:${port}` }));

    const [viaJson, viaRequest] = await Promise.all([
      rejection(unreachable.json('orders', { method: 'GET', path: '/orders' }, Product)),
      rejection(unreachable.request('orders', { method: 'GET', path: '/orders' })),
    ]);

    expect([viaJson.status, viaRequest.status]).toEqual([502, 502]);
    expect(viaJson.code).toBe('upstream-unavailable');
    expect(viaJson.message).toContain('orders');
  });

  it('when the callee does not answer within the timeout, then the call fails with a 502', async () => {
    callee.setHandler(() => undefined);

    const started = Date.now();
    const err = await rejection(invoker().json('catalog', { method: 'GET', path: '/hang' }, Product));

    expect(err.status).toBe(502);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('when stream() is used, then chunks arrive before the callee ends the response', async () => {
    let finish: () => void = () => undefined;
    callee.setHandler((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      finish = () => res.end('data: last\n\n');
    });

    const stream = await invoker().stream('notifications', { method: 'GET', path: '/notifications/stream' });
    const first = await new Promise<string>((resolve) => stream.body.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
    const rest: string[] = [];
    stream.body.on('data', (chunk: Buffer) => rest.push(chunk.toString('utf8')));
    const ended = new Promise((resolve) => stream.body.once('end', resolve));
    finish();
    await ended;

    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream');
    expect(first).toBe('data: first\n\n');
    expect(rest.join('')).toBe('data: last\n\n');
  });

  it('when the stream body is destroyed, then the upstream request is aborted', async () => {
    let upstreamClosed!: Promise<void>;
    callee.setHandler((_req, res) => {
      upstreamClosed = new Promise((resolve) => res.once('close', resolve));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': keepalive\n\n');
    });
    const stream = await invoker().stream('notifications', { method: 'GET', path: '/notifications/stream' });
    await new Promise((resolve) => stream.body.once('data', resolve));

    stream.body.destroy();

    await expect(
      within(
        upstreamClosed.then(() => 'closed'),
        3_000,
      ),
    ).resolves.toBe('closed');
  });
});
