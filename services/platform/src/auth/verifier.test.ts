import Koa from 'koa';
import request from 'supertest';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { DomainError } from '../errors';
import { createLogger } from '../logger';
import { problemMiddleware } from '../http/problem';
import { authenticate, createTokenVerifier, TOKEN_AUDIENCE, TOKEN_ISSUER } from './verifier';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

const claims = { email: 'ada@example.com', role: 'seller' };

function token(
  key: SigningKey,
  overrides: { audience?: string; issuer?: string; expiresAt?: number | string; claims?: Record<string, unknown>; subject?: string } = {},
): Promise<string> {
  return new SignJWT(overrides.claims ?? claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setSubject(overrides.subject ?? 'user-1')
    .setIssuer(overrides.issuer ?? TOKEN_ISSUER)
    .setAudience(overrides.audience ?? TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(overrides.expiresAt ?? '5m')
    .sign(key.privateKey);
}

/** A JWKS endpoint stand-in that counts fetches and serves whatever keys it holds now. */
function jwksSource(...keys: SigningKey[]) {
  const source = {
    keys,
    fetches: 0,
    fail: false,
    fetch: async (): Promise<JSONWebKeySet> => {
      source.fetches++;
      if (source.fail) throw new Error('identity unavailable');
      return { keys: source.keys.map((k) => k.jwk) };
    },
  };
  return source;
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('createTokenVerifier', () => {
  let current: SigningKey;
  let stranger: SigningKey;

  beforeAll(async () => {
    [current, stranger] = await Promise.all([signingKey('key-1'), signingKey('key-2')]);
  });
  afterEach(() => jest.restoreAllMocks());

  it('when an RS256 token has the right issuer and audience, then it yields the principal', async () => {
    const verifier = createTokenVerifier(jwksSource(current).fetch);

    const principal = await verifier.verify(await token(current));

    expect(principal).toEqual({ id: 'user-1', email: 'ada@example.com', role: 'seller' });
  });

  it('when the audience is wrong, then the token is a 401', async () => {
    const verifier = createTokenVerifier(jwksSource(current).fetch);

    const err = await rejection(verifier.verify(await token(current, { audience: 'someone-else' })));

    expect(err.status).toBe(401);
    expect(err.code).toBe('unauthorized');
  });

  it('when the issuer is wrong, then the token is a 401', async () => {
    const verifier = createTokenVerifier(jwksSource(current).fetch);

    const err = await rejection(verifier.verify(await token(current, { issuer: 'evil-identity' })));

    expect(err.status).toBe(401);
  });

  it('when the token has expired, then it is a 401', async () => {
    const verifier = createTokenVerifier(jwksSource(current).fetch);

    const err = await rejection(verifier.verify(await token(current, { expiresAt: Math.floor(Date.now() / 1000) - 60 })));

    expect(err.status).toBe(401);
  });

  it('when the token is HS256 (signed with the public key as a secret), then it is a 401', async () => {
    const verifier = createTokenVerifier(jwksSource(current).fetch);
    const secret = new TextEncoder().encode(JSON.stringify(current.jwk));
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: current.kid })
      .setSubject('user-1')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setExpirationTime('5m')
      .sign(secret);

    const err = await rejection(verifier.verify(forged));

    expect(err.status).toBe(401);
  });

  it('when the token is unsigned (alg none), then it is a 401', async () => {
    const verifier = createTokenVerifier(jwksSource(current).fetch);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'none', kid: current.kid })}.${b64({ ...claims, sub: 'user-1', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, exp: now + 300 })}.`;

    const err = await rejection(verifier.verify(unsigned));

    expect(err.status).toBe(401);
  });

  it('when the token is signed by a key the JWKS does not hold, then it is a 401', async () => {
    const verifier = createTokenVerifier(jwksSource(current).fetch);

    const err = await rejection(verifier.verify(await token(stranger)));

    expect(err.status).toBe(401);
  });

  it('when a signed token lacks a valid role, then it is a 401', async () => {
    const verifier = createTokenVerifier(jwksSource(current).fetch);

    const err = await rejection(verifier.verify(await token(current, { claims: { email: 'ada@example.com', role: 'root' } })));

    expect(err.status).toBe(401);
  });

  it('when the input is not a JWT at all, then it is a 401', async () => {
    const verifier = createTokenVerifier(jwksSource(current).fetch);

    const err = await rejection(verifier.verify('garbage'));

    expect(err.status).toBe(401);
  });

  it('when many tokens are verified, then the JWKS is fetched once and cached', async () => {
    const source = jwksSource(current);
    const verifier = createTokenVerifier(source.fetch);
    const tokens = await Promise.all(Array.from({ length: 5 }, (_, i) => token(current, { subject: `user-${i}` })));

    await Promise.all(tokens.map((t) => verifier.verify(t)));
    await verifier.verify(tokens[0]!);

    expect(source.fetches).toBe(1);
  });

  it('when unknown kids arrive, then the JWKS is refetched at most once per refetch window', async () => {
    const source = jwksSource(current);
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const verifier = createTokenVerifier(source.fetch, { refetchAfterMs: 30_000 });
    await verifier.verify(await token(current));
    const forged = await token(stranger);

    now += 10_000;
    await Promise.allSettled([verifier.verify(forged), verifier.verify(forged)]);
    const withinWindow = source.fetches;
    now += 30_001;
    await Promise.allSettled([verifier.verify(forged), verifier.verify(forged), verifier.verify(forged)]);
    await Promise.allSettled([verifier.verify(forged), verifier.verify(forged)]);
    const afterWindow = source.fetches;

    expect(withinWindow).toBe(1);
    expect(afterWindow).toBe(2);
  });

  it('when identity rotates to a new key, then a token with the new kid is accepted once the window has passed', async () => {
    const source = jwksSource(current);
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const verifier = createTokenVerifier(source.fetch, { refetchAfterMs: 30_000 });
    await verifier.verify(await token(current));
    source.keys = [current, stranger];

    now += 30_001;
    const principal = await verifier.verify(await token(stranger, { subject: 'user-2' }));

    expect(principal.id).toBe('user-2');
    expect(source.fetches).toBe(2);
  });

  it('when the JWKS cannot be fetched at all, then tokens are a 401 and a later request fetches again', async () => {
    const source = jwksSource(current);
    source.fail = true;
    const verifier = createTokenVerifier(source.fetch);

    const err = await rejection(verifier.verify(await token(current)));
    source.fail = false;
    const principal = await verifier.verify(await token(current));

    expect(err.status).toBe(401);
    expect(principal.id).toBe('user-1');
    expect(source.fetches).toBe(2);
  });

  it('when a refetch fails, then forged kids do not trigger another fetch inside the same window', async () => {
    const source = jwksSource(current);
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const verifier = createTokenVerifier(source.fetch, { refetchAfterMs: 30_000 });
    await verifier.verify(await token(current));
    const forged = await token(stranger);
    source.fail = true;

    now += 30_001;
    for (let i = 0; i < 5; i++) await verifier.verify(forged).catch(() => undefined);
    const principal = await verifier.verify(await token(current));

    expect(source.fetches).toBe(2);
    expect(principal.id).toBe('user-1');
  });
});

describe('authenticate', () => {
  const logger = createLogger({ name: 'test', level: 'silent' });
  let key: SigningKey;

  beforeAll(async () => {
    key = await signingKey('key-1');
  });

  function app() {
    const koa = new Koa();
    koa.silent = true;
    koa.use(problemMiddleware(logger));
    koa.use(authenticate(createTokenVerifier(jwksSource(key).fetch)));
    koa.use((ctx) => {
      ctx.body = { user: ctx.state.user ?? null };
    });
    return koa.callback();
  }

  it('when a request has no authorization header, then it passes through without a user', async () => {
    const res = await request(app()).get('/');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: null });
  });

  it('when a request carries a valid bearer token, then ctx.state.user is its principal', async () => {
    const res = await request(app())
      .get('/')
      .set('authorization', `Bearer ${await token(key)}`);

    expect(res.body.user).toEqual({ id: 'user-1', email: 'ada@example.com', role: 'seller' });
  });

  it('when the header is not a bearer token, then the answer is a 401 with www-authenticate', async () => {
    const res = await request(app()).get('/').set('authorization', 'Basic dXNlcjpwYXNz');

    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body.code).toBe('unauthorized');
  });

  it('when a bearer token is invalid, then the answer is a 401 problem', async () => {
    const res = await request(app()).get('/').set('authorization', 'Bearer not.a.token');

    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
