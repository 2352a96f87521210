import type Koa from 'koa';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { unauthorized } from '../errors';
import type { Principal } from './principal';
import type { RevocationCheck } from './revocation';

/** Issuer and audience of ShopMesh access tokens. */
export const TOKEN_ISSUER = 'shopmesh-identity';
export const TOKEN_AUDIENCE = 'shopmesh';

const claims = z.object({
  sub: z.string().min(1),
  email: z.string(),
  role: z.enum(['customer', 'seller', 'admin']),
  jti: z.string().optional(),
  email_verified: z.boolean().optional(),
});

/** Verifies access tokens; see {@link createTokenVerifier}. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/**
 * Verifies RS256 access tokens against the identity service's JWKS. The key set is cached and fetched
 * again only when a token names an unknown `kid` (at most once per `refetchAfterMs`), so key rotation
 * needs no restart and a flood of forged kids cannot hammer identity.
 */
export function createTokenVerifier(
  fetchJwks: () => Promise<JSONWebKeySet>,
  options: { refetchAfterMs?: number; /** Consulted for every valid token's `jti` (logout, revoked families). */ isRevoked?: RevocationCheck } = {},
): TokenVerifier {
  const refetchAfterMs = options.refetchAfterMs ?? 30_000;
  let keySet: JWTVerifyGetKey | undefined;
  let kids = new Set<string>();
  let fetchedAt = 0;
  let inflight: Promise<void> | undefined;

  const refresh = async (): Promise<void> => {
    inflight ??= fetchJwks()
      .then((jwks) => {
        keySet = createLocalJWKSet(jwks);
        kids = new Set(jwks.keys.map((k) => k.kid).filter((k): k is string => Boolean(k)));
      })
      .finally(() => {
        // A failed fetch counts too, so an unreachable identity is not asked again on every forged kid.
        fetchedAt = Date.now();
        inflight = undefined;
      });
    return inflight;
  };

  return {
    async verify(token) {
      const kid = decodeKid(token);
      if (!keySet || (kid && !kids.has(kid) && Date.now() - fetchedAt > refetchAfterMs)) {
        await refresh().catch(() => {
          if (!keySet) throw unauthorized('Token keys unavailable');
        });
      }
      let c: z.infer<typeof claims>;
      try {
        const { payload } = await jwtVerify(token, keySet!, { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms: ['RS256'] });
        c = claims.parse(payload);
      } catch {
        throw unauthorized('Invalid or expired token');
      }
      if (c.jti && options.isRevoked && (await options.isRevoked(c.jti))) throw unauthorized('Token has been revoked');
      return { id: c.sub, email: c.email, role: c.role, ...(c.email_verified !== undefined ? { emailVerified: c.email_verified } : {}) };
    },
  };
}

function decodeKid(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: unknown };
    return typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}

declare module 'koa' {
  interface DefaultState {
    user?: Principal;
  }
}

/**
 * Reads `Authorization: Bearer` when present and sets `ctx.state.user`; a present but invalid token is a
 * 401. Routes decide with requireUser/requireRole whether a user is needed.
 */
export function authenticate(verifier: TokenVerifier): Koa.Middleware {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw unauthorized('Authorization header must be "Bearer <token>"');
      ctx.state.user = await verifier.verify(match[1]);
    }
    await next();
  };
}
