import { SignJWT } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type Clock } from '@shopmesh/platform';
import type { AccessTokenSigner } from '../domain/ports';
import type { SigningKey } from './key-ring';

/** RS256 access tokens carrying sub, email and role, with the signing key's `kid` in the header. */
export function createAccessTokenSigner(key: SigningKey, ttlSeconds: number, clock: Clock): AccessTokenSigner {
  return {
    ttlSeconds,
    sign(user, access) {
      const issuedAt = Math.floor(clock.now().getTime() / 1000);
      return new SignJWT({ email: user.email, role: user.role, email_verified: user.emailVerifiedAt !== null })
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(Math.floor(access.expiresAt.getTime() / 1000))
        .setJti(access.jti)
        .sign(key.privateKey);
    },
  };
}
