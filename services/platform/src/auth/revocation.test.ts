import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
import { DomainError } from '../errors';
import { cachedRevocationCheck } from './revocation';
import { createTokenVerifier, TOKEN_AUDIENCE, TOKEN_ISSUER } from './verifier';

describe('revocation check', () => {
  it('when a jti was looked up less than the TTL ago, then the cached answer is reused; after it, identity is asked again', async () => {
    let now = 0;
    const asked: string[] = [];
    const check = cachedRevocationCheck(async (jti) => (asked.push(jti), jti === 'bad'), { ttlMs: 1000, now: () => now });

    const first = [await check('bad'), await check('bad'), await check('good')];
    now = 1000;
    await check('bad');

    expect(first).toEqual([true, true, false]);
    expect(asked).toEqual(['bad', 'good', 'bad']);
  });

  it('when the lookup fails, then the token is not treated as revoked and the failure is not cached', async () => {
    let up = false;
    const check = cachedRevocationCheck(async () => {
      if (!up) throw new Error('identity unreachable');
      return true;
    });

    const down = await check('j1');
    up = true;

    expect(down).toBe(false);
    expect(await check('j1')).toBe(true);
  });

  it('when the cache is full, then the oldest answer goes first', async () => {
    const asked: string[] = [];
    const check = cachedRevocationCheck(async (jti) => (asked.push(jti), false), { maxEntries: 2 });
    for (const jti of ['a', 'b', 'c', 'a']) await check(jti);

    expect(asked).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('token verifier with a deny list', () => {
  it('when a valid token carries a revoked jti, then it is a 401, and a token with another jti passes', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] };
    const sign = (jti: string) =>
      new SignJWT({ email: 'c@example.com', role: 'customer' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('1d000000-0000-4000-8000-000000000001')
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('5m')
        .setJti(jti)
        .sign(privateKey);
    const verifier = createTokenVerifier(async () => jwks, { isRevoked: async (jti) => jti === 'logged-out' });

    const revoked = await verifier.verify(await sign('logged-out')).catch((err: unknown) => err);

    expect(revoked).toBeInstanceOf(DomainError);
    expect((revoked as DomainError).status).toBe(401);
    expect((await verifier.verify(await sign('live'))).id).toBe('1d000000-0000-4000-8000-000000000001');
  });
});
