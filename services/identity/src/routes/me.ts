import Router from '@koa/router';
import { UpdateProfileRequest, type MailAccepted } from '@shopmesh/contracts';
import { authenticate, parseBody, requireUser, type TokenVerifier } from '@shopmesh/platform';
import { resendVerification } from '../domain/account-mail';
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

  router.post('/verify-email', async (ctx) => {
    await resendVerification(deps, requireUser(ctx.state.user).id);
    ctx.status = 202;
    ctx.body = { message: 'Unless the address is verified already, a new link is on its way' } satisfies MailAccepted;
  });

  return router;
}
