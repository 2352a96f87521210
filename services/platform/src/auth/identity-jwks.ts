import type { JSONWebKeySet } from 'jose';
import { Jwks } from '@shopmesh/contracts';
import type { Invoker } from '../runtime/port';
import { cachedRevocationCheck, identityRevocationLookup } from './revocation';
import { createTokenVerifier, type TokenVerifier } from './verifier';

/**
 * The verifier every service uses: identity's JWKS fetched by service invocation, then cached; each
 * token's jti checked against identity's deny list (cached for a few seconds).
 */
export function identityTokenVerifier(invoke: Invoker): TokenVerifier {
  return createTokenVerifier(async () => (await invoke.json('identity', { method: 'GET', path: '/auth/jwks' }, Jwks)) as JSONWebKeySet, {
    isRevoked: cachedRevocationCheck(identityRevocationLookup(invoke)),
  });
}
