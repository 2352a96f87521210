import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { DomainError } from '../../errors';
import { createLogger } from '../../logger';
import { createDaprRuntime } from './runtime';

const logger = createLogger({ name: 'test', level: 'silent' });

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Stands in for daprd's HTTP port: answers per path the way a callee (or daprd itself) would. */
async function fakeDaprd(): Promise<{ port: number; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const path = req.url!.split('?')[0];
      if (path === '/products/p1') {
        res.writeHead(200, { 'content-type': 'application/json', etag: '"v3"' }).end(JSON.stringify({ id: 'p1', price: 1999 }));
      } else if (path === '/products/none') {
        res
          .writeHead(404, { 'content-type': 'application/problem+json' })
          .end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, code: 'not-found', detail: 'Product not found' }));
      } else if (path === '/reserve') {
        res.writeHead(422, { 'content-type': 'text/plain' }).end('nope');
      } else if (path === '/boom') {
        // The callee's own 500.
        res
          .writeHead(500, { 'content-type': 'application/problem+json' })
          .end(JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, code: 'internal' }));
      } else {
        // What daprd answers when the target app cannot be reached.
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errorCode: 'ERR_DIRECT_INVOKE', message: 'failed to invoke' }));
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const runtimeOn = (daprHttpPort: number) =>
  createDaprRuntime({
    appId: 'cart',
    daprHttpPort,
    daprGrpcPort: 1,
    pubsubName: 'pubsub',
    stateStoreName: 'statestore',
    secretStoreName: 'secretstore',
    logger,
  });

describe('dapr service invocation through the sidecar HTTP proxy', () => {
  let daprd: Awaited<ReturnType<typeof fakeDaprd>>;
  beforeAll(async () => {
    daprd = await fakeDaprd();
  });
  afterAll(async () => {
    await daprd.close();
  });

  it('when a request is made, then it goes to daprd with dapr-app-id and passes method, path, headers and body unchanged', async () => {
    const runtime = runtimeOn(daprd.port);

    const res = await runtime.invoke.request('catalog', {
      method: 'POST',
      path: '/products/p1?fields=price',
      headers: { authorization: 'Bearer t', traceparent: '00-a-b-01' },
      body: { q: 1 },
    });

    const call = daprd.seen.at(-1)!;
    expect(call).toMatchObject({ method: 'POST', url: '/products/p1?fields=price', body: '{"q":1}' });
    expect(call.headers).toMatchObject({ 'dapr-app-id': 'catalog', authorization: 'Bearer t', traceparent: '00-a-b-01', 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"v3"');
    expect(JSON.parse(res.body.toString())).toEqual({ id: 'p1', price: 1999 });
  });

  it('when json gets a 2xx, then the body is parsed with the schema', async () => {
    const product = await runtimeOn(daprd.port).invoke.json(
      'catalog',
      { method: 'GET', path: '/products/p1' },
      z.object({ id: z.string(), price: z.number() }),
    );

    expect(product).toEqual({ id: 'p1', price: 1999 });
  });

  it("when the callee answers a 4xx problem, then json throws a DomainError with the callee's status, code and detail", async () => {
    const attempt = runtimeOn(daprd.port).invoke.json('catalog', { method: 'GET', path: '/products/none' }, z.unknown());

    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ status: 404, code: 'not-found', message: 'Product not found' });
  });

  it('when the callee answers a 4xx without a problem body, then the status is still kept', async () => {
    await expect(runtimeOn(daprd.port).invoke.json('inventory', { method: 'POST', path: '/reserve', body: {} }, z.unknown())).rejects.toMatchObject({
      status: 422,
    });
  });

  it('when daprd answers 5xx (callee down), then json throws a 502 upstream-unavailable', async () => {
    await expect(runtimeOn(daprd.port).invoke.json('payments', { method: 'POST', path: '/authorize', body: {} }, z.unknown())).rejects.toMatchObject({
      status: 502,
      code: 'upstream-unavailable',
    });
  });

  it('when the sidecar itself is unreachable, then both request and json throw a 502', async () => {
    const closed = await fakeDaprd();
    await closed.close();
    const runtime = runtimeOn(closed.port);

    await expect(runtime.invoke.request('catalog', { method: 'GET', path: '/products/p1' })).rejects.toMatchObject({
      status: 502,
      code: 'upstream-unavailable',
    });
    await expect(runtime.invoke.json('catalog', { method: 'GET', path: '/products/p1' }, z.unknown())).rejects.toMatchObject({ status: 502 });
  });

  it('when a callee answers 5xx, then request still passes it through as it came', async () => {
    const res = await runtimeOn(daprd.port).invoke.request('payments', { method: 'GET', path: '/boom' });

    expect(res.status).toBe(500);
    expect(JSON.parse(res.body.toString())).toMatchObject({ code: 'internal' });
  });

  it("when daprd cannot reach the callee (its own ERR_DIRECT_INVOKE), then request and stream throw the embedded runtime's 502, not daprd's body", async () => {
    const runtime = runtimeOn(daprd.port);

    await expect(runtime.invoke.request('cart', { method: 'GET', path: '/cart' })).rejects.toMatchObject({ status: 502, code: 'upstream-unavailable' });
    await expect(runtime.invoke.stream('notifications', { method: 'GET', path: '/stream' })).rejects.toMatchObject({
      status: 502,
      code: 'upstream-unavailable',
    });
  });

  it('when a streamed callee answers 5xx itself, then the stream passes it through with its body', async () => {
    const upstream = await runtimeOn(daprd.port).invoke.stream('notifications', { method: 'GET', path: '/boom' });

    const chunks: Buffer[] = [];
    for await (const chunk of upstream.body) chunks.push(Buffer.from(chunk as Buffer));
    expect(upstream.status).toBe(500);
    expect(JSON.parse(Buffer.concat(chunks).toString())).toMatchObject({ code: 'internal' });
  });
});

describe('dapr runtime subscriptions', () => {
  it('when subscribe is called, then the subscriptions are remembered for the app to serve', async () => {
    const runtime = runtimeOn(1);
    const subscription = { topic: 'orders.order-placed', schema: z.unknown(), handler: async () => undefined };

    await runtime.subscribe([subscription]);

    expect(runtime.subscriptions).toEqual([subscription]);
  });
});
