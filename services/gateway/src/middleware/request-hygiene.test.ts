import request from 'supertest';
import { createLogger, unauthorized, type InvokeRequest, type Invoker, type TokenVerifier } from '@shopmesh/platform';
import { createApp } from '../app';
import type { RateLimiter } from '../db/rate-limiter';

const verifier: TokenVerifier = {
  verify: async (token) => {
    if (token !== 'good') throw unauthorized();
    return { id: '1d000000-0000-4000-8000-000000000001', email: 'c@example.com', role: 'customer' };
  },
};
const unlimited: RateLimiter = { hit: async () => ({ allowed: true, remaining: 1, retryAfterSeconds: 60 }) };

function gateway(answerHeaders: Record<string, string> = { 'content-type': 'application/json' }) {
  const forwarded: InvokeRequest[] = [];
  const invoke = {
    request: async (_appId: string, req: InvokeRequest) => {
      forwarded.push(req);
      return { status: 200, headers: answerHeaders, body: Buffer.from('{}') };
    },
  } as unknown as Invoker;
  const app = createApp({
    logger: createLogger({ name: 'test', level: 'silent' }),
    verifier,
    invoke,
    openStream: () => Promise.reject(new Error('no streams here')),
    limiter: unlimited,
    rateLimits: { ipPerMinute: 1, userPerMinute: 1, loginPerMinute: 1, signupPerMinute: 1 },
    corsOrigins: [],
    trustProxyHops: 0,
    bodyLimitBytes: 1024,
  });
  return { api: request(app.callback()), forwarded };
}

describe('method and header hygiene at the gateway', () => {
  it.each(['TRACE', 'PROPFIND'])('when a client sends %s, then it is a 405 with Allow and nothing is forwarded', async (method) => {
    const { api, forwarded } = gateway();

    // supertest offers a method for every verb Node knows, TRACE and PROPFIND included.
    const send = (api as unknown as Record<string, (url: string) => request.Test>)[method.toLowerCase()]!;

    const res = await send.call(api, '/api/v1/products');

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
    expect(forwarded).toHaveLength(0);
  });

  it('when a body comes without a Content-Type, then it is a 415, as at the services', async () => {
    const { api, forwarded } = gateway();

    const res = await api.post('/api/v1/auth/login').set('content-length', '2').send(Buffer.from('{}'));

    expect(res.status).toBe(415);
    expect(res.body.code).toBe('unsupported-media-type');
    expect(forwarded).toHaveLength(0);
  });

  it('when a body declares a charset other than UTF-8, then it is a 415', async () => {
    const { api } = gateway();

    const res = await api.post('/api/v1/auth/login').set('content-type', 'application/json; charset=utf-16').send('{}');

    expect(res.status).toBe(415);
  });

  it('when a body is UTF-8 JSON, then it is forwarded', async () => {
    const { api, forwarded } = gateway();

    await api.post('/api/v1/auth/login').set('content-type', 'application/json; charset=UTF-8').send('{}').expect(200);

    expect(forwarded).toHaveLength(1);
  });

  it('when a signed-in user gets a personal answer, then it says Cache-Control: no-store, whatever the service set', async () => {
    const { api } = gateway({ 'content-type': 'application/json', 'cache-control': 'public, max-age=60' });

    const me = await api.get('/api/v1/me').set('authorization', 'Bearer good');
    const products = await api.get('/api/v1/products');

    expect(me.headers['cache-control']).toBe('no-store');
    expect(products.headers['cache-control']).toBe('public, max-age=60');
  });

  it('when a service replays an idempotent request, then Idempotent-Replayed reaches the client', async () => {
    const { api } = gateway({ 'content-type': 'application/json', 'idempotent-replayed': 'true' });

    const res = await api.post('/api/v1/orders').set('authorization', 'Bearer good').set('content-type', 'application/json').send('{}');

    expect(res.headers['idempotent-replayed']).toBe('true');
  });

  it('when a client sends an 8 KiB x-request-id with high-bit bytes, then a fresh id is echoed and forwarded instead', async () => {
    const { api, forwarded } = gateway();
    const hostile = `${'x'.repeat(8192)}${Buffer.from([0xff]).toString('latin1')}`;

    const res = await api.get('/api/v1/products').set('x-request-id', hostile);

    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(forwarded[0]?.headers?.['x-request-id']).toBe(res.headers['x-request-id']);
  });

  it('when a client sends a short safe x-request-id, then it is kept end to end', async () => {
    const { api, forwarded } = gateway();

    const res = await api.get('/api/v1/products').set('x-request-id', 'web-3f9a.17');

    expect(res.headers['x-request-id']).toBe('web-3f9a.17');
    expect(forwarded[0]?.headers?.['x-request-id']).toBe('web-3f9a.17');
  });

  it('when a service answers OPTIONS or a 405 with Allow, then the client gets that Allow, not every method there is', async () => {
    const { api } = gateway({ allow: 'POST' });

    const res = await api.options('/api/v1/orders/1d000000-0000-4000-8000-000000000001/cancel');

    expect(res.headers.allow).toBe('POST');
  });

  it('when a GET carries a body, then it is forwarded without one (fetch would refuse it and the client get a 502)', async () => {
    const { api, forwarded } = gateway();

    const res = await api.get('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":"a@example.com"}');

    expect(res.status).toBe(200);
    expect(forwarded[0]?.body).toBeUndefined();
  });
});
