import { createServer, type Server } from 'node:http';
import request from 'supertest';
import pino from 'pino';
import { type Invoker, type StateStore, type TokenVerifier } from '@shopmesh/platform';
import { gatewayApp } from '../../test/gateway-app';
import { createApp } from '../app';
import { createStateRateLimiter } from '../db/rate-limiter';

// Every budget is spent at one pinned instant: no test depends on where the wall clock is in its minute.
const PINNED = new Date('2027-01-01T00:00:59.900Z');
const clock = { now: () => PINNED };

let ip = 0;
// Each test speaks from its own client address (trusted from X-Forwarded-For) so budgets do not mix.
const nextIp = () => `203.0.113.${++ip}`;
const statuses = (responses: { status: number }[]) => responses.map((r) => r.status);

const gateway = gatewayApp({
  clock,
  env: {
    RATE_LIMIT_IP_PER_MINUTE: '600',
    RATE_LIMIT_USER_PER_MINUTE: '3',
    RATE_LIMIT_LOGIN_PER_MINUTE: '20',
    RATE_LIMIT_SIGNUP_PER_MINUTE: '2',
    GATEWAY_TRUST_PROXY_HOPS: '1',
  },
});
const api = gateway.api;

describe('rate limits', () => {
  it('when 900 GETs from one IP arrive in parallel with a limit of 600, then at most 600 pass, the rest are 429 problems with Retry-After, and another IP is still served', async () => {
    const from = nextIp();

    // One listening server for the burst: supertest would start a server per request otherwise, and 900 of
    // them at once reset connections on a busy machine.
    const server = await new Promise<Server>((resolve) => {
      const listening = createServer(gateway.app.callback()).listen(0, '127.0.0.1', () => resolve(listening));
    });
    const responses = await Promise.all(Array.from({ length: 900 }, () => request(server).get('/api/v1/no-such-route').set('x-forwarded-for', from))).finally(
      () => server.close(),
    );

    const limited = responses.filter((r) => r.status === 429);
    expect(statuses(responses).filter((s) => s !== 429).length).toBeLessThanOrEqual(600);
    expect(limited).toHaveLength(300);
    expect(limited[0]!.headers['content-type']).toContain('application/problem+json');
    expect(limited[0]!.body.code).toBe('rate-limited');
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await api.get('/api/v1/auth/jwks').set('x-forwarded-for', nextIp()).expect(200);
  });

  it('when a user spends their budget, then they get 429 even from fresh IPs', async () => {
    const token = await gateway.signToken({ id: '1d000000-0000-4000-8000-00000000aaaa', email: 'u@example.com', role: 'customer' });
    for (let i = 0; i < 3; i++) await api.get('/api/v1/me').set('authorization', `Bearer ${token}`).set('x-forwarded-for', nextIp());

    const res = await api.get('/api/v1/me').set('authorization', `Bearer ${token}`).set('x-forwarded-for', nextIp());

    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('when 100 logins from one IP arrive in parallel with a login budget of 20, then at most 20 reach identity', async () => {
    const from = nextIp();
    const attempt = () => api.post('/api/v1/auth/login').set('x-forwarded-for', from).send({ email: 'nobody@example.com', password: 'wrong-pass' });

    const responses = await Promise.all(Array.from({ length: 100 }, attempt));

    expect(responses.filter((r) => r.body.code !== 'rate-limited').length).toBeLessThanOrEqual(20);
    expect(responses.filter((r) => r.body.code === 'rate-limited')).toHaveLength(80);
    expect(gateway.invocations.filter((i) => i.appId === 'identity' && i.request.path === '/auth/login').length).toBeLessThanOrEqual(20);
    await api.get('/api/v1/auth/jwks').set('x-forwarded-for', from).expect(200);
  });

  it.each(['/api/v1/auth/login/', '/API/V1/AUTH/LOGIN', '/api/v1//auth/login'])('when the login budget is spent, then %s is refused too', async (spelling) => {
    const from = nextIp();
    await Promise.all(Array.from({ length: 20 }, () => api.post('/api/v1/auth/login').set('x-forwarded-for', from).send({})));

    const res = await api.post(spelling).set('x-forwarded-for', from).send({ email: 'a@example.com', password: 'wrong-pass' });

    expect(res.status).toBe(429);
  });

  it('when an IP signs up more often than the signup budget, then it is a 429', async () => {
    const from = nextIp();
    const signup = () => api.post('/api/v1/auth/register/').set('x-forwarded-for', from).send({});
    await signup().expect(400);
    await signup().expect(400);

    await signup().expect(429);
  });
});

describe('when the state store is down', () => {
  const down: StateStore = {
    get: () => Promise.reject(new Error('ECONNREFUSED')),
    save: () => Promise.reject(new Error('ECONNREFUSED')),
    delete: () => Promise.reject(new Error('ECONNREFUSED')),
    getBulk: () => Promise.reject(new Error('ECONNREFUSED')),
    throttle: () => Promise.reject(new Error('ECONNREFUSED')),
  };
  const warnings: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg) });
  const app = createApp({
    logger,
    verifier: {} as TokenVerifier,
    invoke: {} as Invoker,
    openStream: () => Promise.reject(new Error('no streams here')),
    limiter: createStateRateLimiter(down, clock, logger),
    rateLimits: { ipPerMinute: 1, userPerMinute: 1, loginPerMinute: 1, signupPerMinute: 1 },
    corsOrigins: [],
    trustProxyHops: 0,
    bodyLimitBytes: 1024,
  });

  it.each(['/api/v1/auth/login', '/api/v1/auth/login/', '/api/v1/auth/register'])('then POST %s fails closed with 503 and Retry-After', async (path) => {
    const res = await request(app.callback()).post(path).send({ email: 'a@example.com', password: 'x' });

    expect(res.status).toBe(503);
    expect(res.body.code).toBe('rate-limiter-unavailable');
    expect(res.headers['retry-after']).toBe('5');
  });

  it('then other requests are let through, and the log says so', async () => {
    warnings.length = 0;

    await request(app.callback()).get('/api/v1/no-such-route').expect(404);

    expect(warnings).toContain('rate limiter unavailable; letting the request through');
  });
});
