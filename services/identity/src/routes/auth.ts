import Router from '@koa/router';
import type Koa from 'koa';
import { LoginRequest, LogoutRequest, RefreshRequest, RegisterRequest, type Jwks } from '@shopmesh/contracts';
import { parseBody } from '@shopmesh/platform';
import { register } from '../domain/accounts';
import type { IdentityDeps } from '../domain/ports';
import { login, logout, refresh } from '../domain/sessions';

// The gateway names the client it serves in x-client-ip (services are reachable only through it); a
// direct caller such as a test is its own client.
const clientIp = (ctx: Koa.Context): string => ctx.get('x-client-ip') || ctx.ip;

/** Registration, login, token refresh and logout, plus the public key set. */
export function authRouter(deps: IdentityDeps, jwks: Jwks): Router {
  const router = new Router({ prefix: '/auth' });

  router.post('/register', async (ctx) => {
    const request = parseBody(ctx, RegisterRequest);
    ctx.body = await register(deps, request);
    ctx.status = 201;
    ctx.set({ location: '/me', 'cache-control': 'no-store' });
  });

  router.post('/login', async (ctx) => {
    const request = parseBody(ctx, LoginRequest);
    ctx.body = await login(deps, request, clientIp(ctx));
    ctx.set('cache-control', 'no-store');
  });

  router.post('/refresh', async (ctx) => {
    const { refreshToken } = parseBody(ctx, RefreshRequest);
    ctx.body = await refresh(deps, refreshToken);
    ctx.set('cache-control', 'no-store');
  });

  router.post('/logout', async (ctx) => {
    const { refreshToken } = parseBody(ctx, LogoutRequest);
    await logout(deps, refreshToken);
    ctx.status = 204;
  });

  router.get('/jwks', (ctx) => {
    ctx.set('cache-control', 'public, max-age=300');
    ctx.body = jwks;
  });

  return router;
}
