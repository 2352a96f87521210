import Router from '@koa/router';
import request from 'supertest';
import { DomainError } from '../errors';
import { createLogger } from '../logger';
import { createServiceApp, type ServiceAppOptions } from './kit';
import type { RequestScope } from '../context';

const logger = createLogger({ name: 'test', level: 'silent' });

function widgetsRouter(): Router {
  const router = new Router();
  router.get('/widgets/:id', (ctx) => {
    const state = ctx.state as RequestScope;
    ctx.body = { id: ctx.params.id, requestId: state.requestId, traceparent: state.traceparent };
  });
  router.post('/widgets', (ctx) => {
    ctx.status = 201;
    ctx.body = { received: ctx.request.body ?? null };
  });
  router.post('/widgets/conflict', () => {
    throw new DomainError(409, 'widget-taken', 'Widget already exists');
  });
  router.post('/widgets/crash', () => {
    throw new Error('bug');
  });
  router.post('/raw', async (ctx) => {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    ctx.body = { parsed: ctx.request.body ?? null, streamed: Buffer.concat(chunks).toString('utf8') };
  });
  return router;
}

const appWith = (options: Partial<ServiceAppOptions> = {}) => createServiceApp({ name: 'catalog', logger, routers: [widgetsRouter()], ...options });

describe('createServiceApp', () => {
  it.each(['/healthz', '/readyz', '/metrics'])('when %s is asked for on the public app, then it is a 404 (it lives on the management port)', async (path) => {
    const res = await request(appWith().callback()).get(path);

    expect(res.status).toBe(404);
    expect(res.text).not.toContain('http_server_request_duration_seconds');
  });

  it('when ready resolves false or throws, then app.ready() is false; true when it resolves true or is not given', async () => {
    const down = appWith({ ready: async () => false });
    const broken = appWith({
      ready: async () => {
        throw new Error('database down');
      },
    });

    expect([await down.ready(), await broken.ready(), await appWith({ ready: async () => true }).ready(), await appWith().ready()]).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('when daprd probes /dapr/healthz from loopback, then the app answers 200 without the app token', async () => {
    const res = await request(appWith().callback()).get('/dapr/healthz');

    expect(res.status).toBe(200);
  });

  it('when a request carries x-request-id, then the same id is echoed and handed to the handler', async () => {
    const app = appWith();

    const res = await request(app.callback()).get('/widgets/7').set('x-request-id', 'req-abc-123');

    expect(res.headers['x-request-id']).toBe('req-abc-123');
    expect(res.body.requestId).toBe('req-abc-123');
  });

  it.each([
    ['8 KiB long', 'a'.repeat(8192)],
    ['with spaces and quotes', 'id "with" spaces'],
    ['with high-bit bytes', Buffer.from([0x72, 0xe9, 0xff]).toString('latin1')],
  ])('when x-request-id is %s, then it is replaced by a fresh id rather than echoed or logged', async (_what, value) => {
    const app = appWith();

    const res = await request(app.callback()).get('/widgets/7').set('x-request-id', value);

    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it.each(['TRACE', 'PROPFIND'])('when a client sends %s to a service, then it is a 405 with Allow, as at the gateway', async (method) => {
    const app = appWith();
    const api = request(app.callback()) as unknown as Record<string, (url: string) => request.Test>;

    const res = await api[method.toLowerCase()]!.call(api, '/widgets/7');

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
    expect(res.body.code).toBe('method-not-allowed');
  });

  it('when a JSON body declares a charset other than UTF-8, then it is a 415', async () => {
    const app = appWith();

    const res = await request(app.callback())
      .post('/widgets')
      .set('content-type', 'application/json; charset=utf-16')
      .send(Buffer.from('{"name":"x"}', 'utf16le'));

    expect(res.status).toBe(415);
    expect(res.body.code).toBe('unsupported-media-type');
  });

  it('when a JSON body declares UTF-8, then it is read', async () => {
    const app = appWith();

    const res = await request(app.callback()).post('/widgets').set('content-type', 'application/json; charset=UTF-8').send('{"name":"x"}');

    expect(res.status).toBe(201);
  });

  it('when a request has no x-request-id, then a fresh one is made and echoed', async () => {
    const app = appWith();

    const res = await request(app.callback()).get('/widgets/7');

    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('when a valid traceparent arrives, then its trace id and flags are kept under a new span id', async () => {
    const app = appWith();
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

    const res = await request(app.callback()).get('/widgets/7').set('traceparent', incoming);

    const [version, traceId, spanId, flags] = (res.headers.traceparent as string).split('-');
    expect([version, traceId, flags]).toEqual(['00', '4bf92f3577b34da6a3ce929d0e0e4736', '01']);
    expect(spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(spanId).not.toBe('00f067aa0ba902b7');
    expect(res.body.traceparent).toBe(res.headers.traceparent);
  });

  it('when an invalid traceparent arrives, then a fresh trace is started', async () => {
    const app = appWith();

    const res = await request(app.callback()).get('/widgets/7').set('traceparent', 'not-a-trace');

    expect(res.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('when a JSON body is posted, then the router sees it parsed', async () => {
    const app = appWith();

    const res = await request(app.callback()).post('/widgets').send({ name: 'sprocket' });

    expect(res.status).toBe(201);
    expect(res.body.received).toEqual({ name: 'sprocket' });
  });

  it('when bodyLimit is set, then a larger body is a 413', async () => {
    const app = appWith({ bodyLimit: 64 });

    const res = await request(app.callback())
      .post('/widgets')
      .send({ name: 'x'.repeat(100) });

    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload-too-large');
  });

  it('when parseBodies is false, then the body is left unread for the handler to stream', async () => {
    const app = appWith({ parseBodies: false });

    const res = await request(app.callback()).post('/raw').set('content-type', 'text/plain').send('raw bytes');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ parsed: null, streamed: 'raw bytes' });
  });

  it('when service middleware throws a DomainError, then it is rendered as a problem before any router runs', async () => {
    const app = appWith({
      middleware: [
        async () => {
          throw new DomainError(401, 'unauthorized', 'Authentication required');
        },
      ],
    });

    const res = await request(app.callback()).get('/widgets/7');

    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'unauthorized', instance: '/widgets/7' });
  });

  it('when a known path is asked with a method it does not serve, then it is a 405 problem with Allow', async () => {
    const res = await request(appWith().callback()).put('/widgets/7');

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('HEAD, GET');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('method-not-allowed');
  });
});
