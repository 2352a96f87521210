import Router from '@koa/router';
import { UserAddressParams, UserParams } from '@shopmesh/contracts';
import { z } from 'zod';
import { parseParams, type RevocationStatus } from '@shopmesh/platform';
import { profileOf } from '../domain/accounts';
import { addressOf } from '../domain/addresses';
import type { IdentityDeps } from '../domain/ports';

const Jti = z.object({ jti: z.string().min(1).max(100) });

/**
 * Lookups other services make by invocation (orders: a shipping address; notifications: a user; every
 * service's token check: whether an access token was revoked).
 */
export function internalRouter(deps: IdentityDeps): Router {
  const router = new Router({ prefix: '/internal' });

  router.get('/revoked-tokens/:jti', async (ctx) => {
    const { jti } = parseParams(ctx, Jti);
    ctx.body = { revoked: await deps.revokedTokens.isRevoked(jti) } satisfies RevocationStatus;
  });

  router.get('/users/:userId', async (ctx) => {
    const { userId } = parseParams(ctx, UserParams);
    ctx.body = await profileOf(deps, userId);
  });

  router.get('/users/:userId/addresses/:id', async (ctx) => {
    const { userId, id } = parseParams(ctx, UserAddressParams);
    ctx.body = await addressOf(deps, userId, id);
  });

  return router;
}
