import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import type { Invoker } from '../runtime/port';
import { createTokenVerifier, type TokenVerifier } from './verifier';

const JwksResponse = z.object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional() })) });

/** The verifier every service uses: identity's JWKS fetched by service invocation, then cached. */
export function identityTokenVerifier(invoke: Invoker): TokenVerifier {
  return createTokenVerifier(async () => (await invoke.json('identity', { method: 'GET', path: '/auth/jwks' }, JwksResponse)) as JSONWebKeySet);
}
