import Router from '@koa/router';
import { UserAddressParams, UserParams } from '@shopmesh/contracts';
import { parseParams } from '@shopmesh/platform';
import { profileOf } from '../domain/accounts';
import { addressOf } from '../domain/addresses';
import type { IdentityDeps } from '../domain/ports';

/** Lookups other services make by invocation (orders: a shipping address; notifications: a user). */
export function internalRouter(deps: IdentityDeps): Router {
  const router = new Router({ prefix: '/internal/users' });

  router.get('/:userId', async (ctx) => {
    const { userId } = parseParams(ctx, UserParams);
    ctx.body = await profileOf(deps, userId);
  });

  router.get('/:userId/addresses/:id', async (ctx) => {
    const { userId, id } = parseParams(ctx, UserAddressParams);
    ctx.body = await addressOf(deps, userId, id);
  });

  return router;
}
