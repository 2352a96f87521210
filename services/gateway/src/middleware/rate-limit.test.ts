import request from 'supertest';
import { startTestShop, type TestShop } from '@shopmesh/platform/testing';
import { identityService } from '@shopmesh/identity';
import { gatewayService } from '../service';

let shop: TestShop;
let api: ReturnType<typeof request>;
let ip = 0;
// Each test speaks from its own client address (trusted from X-Forwarded-For) so budgets do not mix.
const nextIp = () => `203.0.113.${++ip}`;

beforeAll(async () => {
  shop = await startTestShop([identityService, gatewayService], {
    env: { RATE_LIMIT_IP_PER_MINUTE: '5', RATE_LIMIT_USER_PER_MINUTE: '3', RATE_LIMIT_LOGIN_PER_MINUTE: '2', GATEWAY_TRUST_PROXY_HOPS: '1' },
  });
  api = request(shop.url('gateway'));
});
afterAll(() => shop.close());

describe('rate limits', () => {
  it('when an IP spends its budget, then the next request is a 429 problem with Retry-After', async () => {
    const from = nextIp();
    for (let i = 0; i < 5; i++) await api.get('/api/v1/auth/jwks').set('x-forwarded-for', from).expect(200);

    const res = await api.get('/api/v1/auth/jwks').set('x-forwarded-for', from);

    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('rate-limited');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('when one IP is over budget, then another IP is still served', async () => {
    const busy = nextIp();
    for (let i = 0; i < 6; i++) await api.get('/api/v1/auth/jwks').set('x-forwarded-for', busy);

    await api.get('/api/v1/auth/jwks').set('x-forwarded-for', nextIp()).expect(200);
  });

  it('when a user spends their budget, then they get 429 even from fresh IPs', async () => {
    const token = await shop.signToken({ id: '1d000000-0000-4000-8000-00000000aaaa', email: 'u@example.com', role: 'customer' });
    for (let i = 0; i < 3; i++) await api.get('/api/v1/me').set('authorization', `Bearer ${token}`).set('x-forwarded-for', nextIp());

    const res = await api.get('/api/v1/me').set('authorization', `Bearer ${token}`).set('x-forwarded-for', nextIp());

    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('when an IP tries to log in more often than the login budget, then it is a 429 before the IP budget is spent', async () => {
    const from = nextIp();
    const attempt = () => api.post('/api/v1/auth/login').set('x-forwarded-for', from).send({ email: 'a@example.com', password: 'wrong-pass' });
    await attempt().expect(401);
    await attempt().expect(401);

    const res = await attempt();

    expect(res.status).toBe(429);
    expect(res.body.code).toBe('rate-limited');
    await api.get('/api/v1/auth/jwks').set('x-forwarded-for', from).expect(200);
  });
});
