import request from 'supertest';
import { identityApp, type IdentityApp } from '../../test/identity-app';

let nowMs = Date.parse('2027-03-01T10:00:00Z');
const clock = { now: () => new Date(nowMs) };
const advance = (seconds: number) => {
  nowMs += seconds * 1000;
};

let shop: IdentityApp;
let api: ReturnType<typeof request>;
let seq = 0;

beforeAll(async () => {
  shop = await identityApp({
    clock,
    env: {
      IDENTITY_LOGIN_FREE_FAILURES: '3',
      IDENTITY_LOGIN_BASE_DELAY_SECONDS: '2',
      IDENTITY_LOGIN_MAX_DELAY_SECONDS: '60',
      IDENTITY_LOGIN_ACCOUNT_CEILING: '12',
    },
  });
  api = shop.api;
});
afterAll(() => shop.close());

async function account() {
  const user = { email: `owner${++seq}@example.com`, password: 'Right-pass-41', name: 'Owner' };
  await api.post('/auth/register').send(user).expect(201);
  return user;
}

const login = (email: string, password: string, from: string) => api.post('/auth/login').set('x-client-ip', from).send({ email, password });

describe('login throttling', () => {
  it("when an attacker fails many times from one address, then only that address is slowed and the owner's right password still works from theirs", async () => {
    const { email, password } = await account();
    for (let i = 0; i < 3; i++) await login(email, 'guess-guess', '198.51.100.1').expect(401);

    const attacker = await login(email, password, '198.51.100.1');
    const owner = await login(email, password, '192.0.2.7');

    expect(attacker.status).toBe(429);
    expect(attacker.body.code).toBe('login-throttled');
    expect(owner.status).toBe(200);
  });

  it('when a pair keeps failing, then each delay is twice the one before, and an attempt after the delay is admitted', async () => {
    const { email } = await account();
    const from = '198.51.100.2';
    for (let i = 0; i < 3; i++) await login(email, 'guess-guess', from).expect(401);

    const first = await login(email, 'guess-guess', from);
    advance(2);
    await login(email, 'guess-guess', from).expect(401);
    const second = await login(email, 'guess-guess', from);

    expect(first.headers['retry-after']).toBe('2');
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('4');
  });

  it('when the e-mail is unknown, then status, body and throttling are exactly those of a known e-mail with a wrong password', async () => {
    const { email } = await account();
    const unknown = `nobody${seq}@example.com`;
    const run = async (who: string, from: string) => {
      const out = [];
      for (let i = 0; i < 5; i++) {
        const res = await login(who, 'guess-guess', from);
        out.push({ status: res.status, code: res.body.code, detail: res.body.detail, retryAfter: res.headers['retry-after'] });
      }
      return out;
    };

    const known = await run(email, '198.51.100.3');
    const stranger = await run(unknown, '198.51.100.3');

    expect(stranger).toEqual(known);
    expect(known.map((r) => r.status)).toEqual([401, 401, 401, 429, 429]);
  });

  it("when a login succeeds, then that address's earlier failures no longer count", async () => {
    const { email, password } = await account();
    const from = '198.51.100.4';
    for (let i = 0; i < 2; i++) await login(email, 'guess-guess', from).expect(401);
    await login(email, password, from).expect(200);

    for (let i = 0; i < 3; i++) await login(email, 'guess-guess', from).expect(401);
  });

  it('when many addresses together reach the per-account ceiling, then further attempts on that account wait, and other accounts do not', async () => {
    const { email } = await account();
    const other = await account();
    for (let i = 0; i < 12; i++) await login(email, 'guess-guess', `203.0.113.${i + 1}`).expect(401);

    const over = await login(email, 'guess-guess', '203.0.113.200');

    expect(over.status).toBe(429);
    expect(over.body.code).toBe('login-throttled');
    await login(other.email, other.password, '203.0.113.200').expect(200);
  });

  it('when 30 attempts of one pair arrive in parallel, then no more than the free failures are checked against the password', async () => {
    const { email } = await account();

    const responses = await Promise.all(Array.from({ length: 30 }, () => login(email, 'guess-guess', '198.51.100.30')));

    expect(responses.filter((r) => r.status === 401).length).toBeLessThanOrEqual(3);
    expect(responses.every((r) => r.status === 401 || r.status === 429)).toBe(true);
  });
});
