import { createHash } from 'node:crypto';
import request from 'supertest';
import { decodeProtectedHeader, decodeJwt } from 'jose';
import { TokenResponse } from '@shopmesh/contracts';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@shopmesh/platform';
import { eventually } from '@shopmesh/platform/testing';
import { identityApp, type IdentityApp } from '../../test/identity-app';

let shop: IdentityApp;
let api: ReturnType<typeof request>;
let seq = 0;

const newUser = (extra: Record<string, unknown> = {}) => ({
  email: `user${++seq}-${Date.now()}@example.com`,
  password: 'Sup3r-secret',
  name: 'Test User',
  ...extra,
});

beforeAll(async () => {
  shop = await identityApp({ seed: true });
  api = shop.api;
});
afterAll(() => shop.close());

async function registered(extra: Record<string, unknown> = {}) {
  const body = newUser(extra);
  const res = await api.post('/auth/register').send(body).expect(201);
  return { ...body, session: TokenResponse.parse(res.body) };
}

describe('POST /auth/register', () => {
  it('when the body is valid, then it creates a customer and answers 201 with a session', async () => {
    const body = newUser({ email: `Mixed${Date.now()}@Example.com` });

    const res = await api.post('/auth/register').send(body);

    expect(res.status).toBe(201);
    const session = TokenResponse.parse(res.body);
    expect(session.user).toMatchObject({ email: body.email.toLowerCase(), name: 'Test User', role: 'customer' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('when a seller registers, then the role is seller', async () => {
    const { session } = await registered({ role: 'seller' });

    expect(session.user.role).toBe('seller');
  });

  it.each([
    ['password', 'most common passwords'],
    ['12345678', 'most common passwords'],
    ['aaaaaaaa', 'repeated character'],
    ['        ', 'repeated character'],
  ])('when the password is %j, then it is a 400 naming body.password and why', async (password, why) => {
    const res = await api.post('/auth/register').send(newUser({ password }));

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'body.password', message: expect.stringContaining(why) }]);
  });

  it('when the password is the e-mail address, then it is a 400 naming body.password', async () => {
    const email = `same${Date.now()}@example.com`;

    const res = await api.post('/auth/register').send(newUser({ email, password: email }));

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.password']);
  });

  it('when someone asks for the admin role, then it is a 400 naming body.role', async () => {
    const res = await api.post('/auth/register').send(newUser({ role: 'admin' }));

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.role']);
  });

  it('when fields are invalid, then the 400 names each of them', async () => {
    const res = await api.post('/auth/register').send({ email: 'not-an-email', password: 'short', name: '' });

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.email', 'body.name', 'body.password']);
  });

  it('when the e-mail is taken (in any case), then it is a 409', async () => {
    const { email } = await registered();

    const res = await api.post('/auth/register').send(newUser({ email: email.toUpperCase() }));

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('email-taken');
  });

  it('when a user registers, then identity.user-registered is published through the outbox', async () => {
    const { session, email } = await registered();

    const published = await eventually(async () => {
      const rows = await shop.sql<{ payload: unknown; published_at: Date | null }>(
        `select payload, published_at from outbox where topic = 'identity.user-registered' and payload->>'userId' = ?`,
        [session.user.id],
      );
      return rows[0]?.published_at ? rows[0] : undefined;
    });

    expect(published.payload).toEqual({ userId: session.user.id, email, name: 'Test User', role: 'customer' });
  });
  it('when a user registers, then the password is kept as an argon2id hash and the refresh token only as its sha256', async () => {
    const { session } = await registered();

    const [user] = await shop.sql<{ password_hash: string }>('select password_hash from users where id = ?', [session.user.id]);
    const tokens = await shop.sql<{ token_hash: string }>('select token_hash from refresh_tokens where user_id = ?', [session.user.id]);

    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    expect(tokens.map((t) => t.token_hash)).toEqual([createHash('sha256').update(session.refreshToken).digest('hex')]);
  });
});

describe('POST /auth/login', () => {
  it('when the credentials are right, then it answers an RS256 access token with the claims and a kid', async () => {
    const { email, password, session } = await registered();

    const res = await api.post('/auth/login').send({ email, password }).expect(200);

    const body = TokenResponse.parse(res.body);
    expect(body.expiresIn).toBe(900);
    expect(decodeProtectedHeader(body.accessToken)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    const claims = decodeJwt(body.accessToken);
    expect(claims).toMatchObject({ sub: session.user.id, email, role: 'customer', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE });
    expect(claims.exp! - claims.iat!).toBe(900);
  });

  it('when the password is wrong, then it is a 401', async () => {
    const { email } = await registered();

    const res = await api.post('/auth/login').send({ email, password: 'wrong-password' });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
  });

  it('when the e-mail is unknown, then it is the same 401', async () => {
    const res = await api.post('/auth/login').send({ email: 'nobody@example.com', password: 'whatever1' });

    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('E-mail or password is wrong');
  });

  it.each([
    ['customer@example.com', 'Customer@123', 'customer'],
    ['seller@example.com', 'Seller@123', 'seller'],
    ['seller2@example.com', 'Seller@123', 'seller'],
    ['seller3@example.com', 'Seller@123', 'seller'],
    ['admin@example.com', 'Admin@123', 'admin'],
  ])('when seeded user %s logs in, then the role is %s', async (email, password, role) => {
    const res = await api.post('/auth/login').send({ email, password }).expect(200);

    expect(res.body.user.role).toBe(role);
  });

  it('when the token signed by identity is checked by the shop verifier, then it is accepted', async () => {
    const { session } = await registered();

    await api.get('/me').set('authorization', `Bearer ${session.accessToken}`).expect(200);
  });
});

describe('POST /auth/refresh', () => {
  it('when a fresh refresh token is exchanged, then a new pair is issued and the old token stops working', async () => {
    const { session } = await registered();

    const first = await api.post('/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
    const rotated = TokenResponse.parse(first.body);

    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    expect(rotated.user.id).toBe(session.user.id);
    await api.post('/auth/refresh').send({ refreshToken: rotated.refreshToken }).expect(200);
  });

  it('when a rotated token is presented again, then it is a 401 and the whole family is revoked', async () => {
    const { session } = await registered();
    const rotated = (await api.post('/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200)).body;

    const reuse = await api.post('/auth/refresh').send({ refreshToken: session.refreshToken });
    const successor = await api.post('/auth/refresh').send({ refreshToken: rotated.refreshToken });

    expect(reuse.status).toBe(401);
    expect(successor.status).toBe(401);
    await api.get('/me').set('authorization', `Bearer ${rotated.accessToken}`).expect(401);
  });

  it('when the family is revoked, then other sessions of the same user keep working', async () => {
    const { email, password, session } = await registered();
    const other = (await api.post('/auth/login').send({ email, password }).expect(200)).body;
    await api.post('/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
    await api.post('/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);

    await api.post('/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
  });

  it('when the token is unknown, then it is a 401', async () => {
    await api
      .post('/auth/refresh')
      .send({ refreshToken: 'x'.repeat(43) })
      .expect(401);
  });

  it('when the token is missing, then it is a 400 naming body.refreshToken', async () => {
    const res = await api.post('/auth/refresh').send({});

    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body.refreshToken');
  });
});

describe('POST /auth/logout', () => {
  it('when a session logs out, then its refresh tokens no longer work', async () => {
    const { session } = await registered();
    const rotated = (await api.post('/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200)).body;

    await api.post('/auth/logout').send({ refreshToken: rotated.refreshToken }).expect(204);

    await api.post('/auth/refresh').send({ refreshToken: rotated.refreshToken }).expect(401);
  });

  it('when a session logs out, then its access tokens stop working at once, the deny list says so to other services, and other sessions keep theirs', async () => {
    const { email, password, session } = await registered();
    const other = (await api.post('/auth/login').send({ email, password }).expect(200)).body;
    const rotated = (await api.post('/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200)).body;
    await api.get('/me').set('authorization', `Bearer ${rotated.accessToken}`).expect(200);

    await api.post('/auth/logout').send({ refreshToken: rotated.refreshToken }).expect(204);

    const me = await api.get('/me').set('authorization', `Bearer ${rotated.accessToken}`);
    expect(me.status).toBe(401);
    await api.get('/me').set('authorization', `Bearer ${session.accessToken}`).expect(401);
    await api.get('/me').set('authorization', `Bearer ${other.accessToken}`).expect(200);
    const { jti } = decodeJwt(rotated.accessToken);
    expect((await api.get(`/internal/revoked-tokens/${jti}`).set(shop.internalHeaders).expect(200)).body).toEqual({ revoked: true });
  });

  it('when the token is unknown, then logout still answers 204', async () => {
    await api
      .post('/auth/logout')
      .send({ refreshToken: 'y'.repeat(43) })
      .expect(204);
  });
});

describe('GET /auth/jwks', () => {
  it('when asked, then it publishes the RSA public key with the kid access tokens carry', async () => {
    const { session } = await registered();

    const res = await api.get('/auth/jwks').expect(200);

    const kid = decodeProtectedHeader(session.accessToken).kid;
    expect(res.body.keys).toEqual([expect.objectContaining({ kty: 'RSA', kid, alg: 'RS256', use: 'sig' })]);
    expect(res.body.keys[0]).not.toHaveProperty('d');
  });
});
