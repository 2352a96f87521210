import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, SignJWT, type JWK } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../auth/verifier';
import type { Principal } from '../auth/principal';

/** An RS256 key pair for a test shop: identity signs with it (as its secret) and tests mint tokens. */
export interface TestKeys {
  privatePem: string;
  jwks: { keys: JWK[] };
  sign(principal: Principal, options?: { expiresIn?: string }): Promise<string>;
}

export async function createTestKeys(): Promise<TestKeys> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    privatePem: await exportPKCS8(privateKey),
    jwks: { keys: [{ ...publicJwk, kid, alg: 'RS256', use: 'sig' }] },
    sign: (principal, options = {}) =>
      new SignJWT({ email: principal.email, role: principal.role })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject(principal.id)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '15m')
        .sign(privateKey),
  };
}
