import request from 'supertest';
import { startTestShop, type TestShop } from '@shopmesh/platform/testing';
import { identityService } from '../service';

let shop: TestShop;
let api: ReturnType<typeof request>;
let seq = 0;

beforeAll(async () => {
  shop = await startTestShop([identityService], {
    env: { IDENTITY_LOCKOUT_MAX_ATTEMPTS: '3', IDENTITY_LOCKOUT_WINDOW_SECONDS: '60', IDENTITY_LOCKOUT_DURATION_SECONDS: '1' },
  });
  api = request(shop.url('identity'));
});
afterAll(() => shop.close());

async function account() {
  const user = { email: `locked${++seq}@example.com`, password: 'Right-pass1', name: 'Lock Test' };
  await api.post('/auth/register').send(user).expect(201);
  return user;
}

const fail = (email: string) => api.post('/auth/login').send({ email, password: 'wrong-pass' });

describe('login lockout', () => {
  it('when the threshold of failures is reached, then the account answers 429 account-locked with Retry-After', async () => {
    const { email } = await account();
    await fail(email).expect(401);
    await fail(email).expect(401);

    const third = await fail(email);

    expect(third.status).toBe(429);
    expect(third.body.code).toBe('account-locked');
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('when the account is locked, then even the right password is refused', async () => {
    const { email, password } = await account();
    for (let i = 0; i < 3; i++) await fail(email);

    const res = await api.post('/auth/login').send({ email, password });

    expect(res.status).toBe(429);
    expect(res.body.code).toBe('account-locked');
  });

  it('when the lock has run out, then the right password works again', async () => {
    const { email, password } = await account();
    for (let i = 0; i < 3; i++) await fail(email);

    await new Promise((r) => setTimeout(r, 1100));

    await api.post('/auth/login').send({ email, password }).expect(200);
  });

  it('when a login succeeds, then earlier failures no longer count', async () => {
    const { email, password } = await account();
    await fail(email).expect(401);
    await fail(email).expect(401);
    await api.post('/auth/login').send({ email, password }).expect(200);

    await fail(email).expect(401);
    await fail(email).expect(401);

    await api.post('/auth/login').send({ email, password }).expect(200);
  });
});
