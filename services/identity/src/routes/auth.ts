import Router from '@koa/router';
import type Koa from 'koa';
import {
  LoginRequest,
  LogoutRequest,
  PasswordResetConfirmRequest,
  PasswordResetRequest,
  RefreshRequest,
  RegisterRequest,
  VerifyEmailRequest,
  type Jwks,
  type MailAccepted,
} from '@shopmesh/contracts';
import { parseBody } from '@shopmesh/platform';
import { confirmPasswordReset, requestPasswordReset, verifyEmail } from '../domain/account-mail';
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

  router.post('/password-reset', (ctx) => {
    const { email } = parseBody(ctx, PasswordResetRequest);
    requestPasswordReset(deps, email);
    ctx.status = 202;
    ctx.body = { message: 'If an account uses this address, a link to reset its password is on its way' } satisfies MailAccepted;
  });

  router.post('/password-reset/confirm', async (ctx) => {
    const request = parseBody(ctx, PasswordResetConfirmRequest);
    await confirmPasswordReset(deps, request);
    ctx.status = 204;
  });

  router.post('/verify-email', async (ctx) => {
    const { token } = parseBody(ctx, VerifyEmailRequest);
    ctx.body = await verifyEmail(deps, token);
  });

  router.get('/jwks', (ctx) => {
    ctx.set('cache-control', 'public, max-age=300');
    ctx.body = jwks;
  });

  return router;
}
