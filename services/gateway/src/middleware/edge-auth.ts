import type Koa from 'koa';
import { authenticate, type TokenVerifier } from '@shopmesh/platform';
import { API_PREFIX } from '../domain/route-table';

const CREDENTIAL_ENDPOINTS = `${API_PREFIX}/auth/`;

/**
 * Checks a bearer token at the edge (a bad one is a 401 here; services check again). The credential
 * endpoints (register, login, refresh, logout, jwks) never read a bearer token, so a stale one a client
 * still sends must not block the refresh that would replace it.
 */
export function edgeAuth(verifier: TokenVerifier): Koa.Middleware {
  const check = authenticate(verifier);
  return (ctx, next) => (ctx.path.startsWith(CREDENTIAL_ENDPOINTS) ? next() : check(ctx, next));
}
