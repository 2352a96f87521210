import Router from '@koa/router';
import { UpdateProfileRequest } from '@shopmesh/contracts';
import { authenticate, parseBody, requireUser, type TokenVerifier } from '@shopmesh/platform';
import { profileOf, rename } from '../domain/accounts';
import type { IdentityDeps } from '../domain/ports';

/** The caller's own profile. */
export function meRouter(deps: IdentityDeps, verifier: TokenVerifier): Router {
  const router = new Router({ prefix: '/me' });
  router.use(authenticate(verifier));

  router.get('/', async (ctx) => {
    ctx.body = await profileOf(deps, requireUser(ctx.state.user).id);
  });

  router.patch('/', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const { name } = parseBody(ctx, UpdateProfileRequest);
    ctx.body = await rename(deps, user.id, name);
  });

  return router;
}
