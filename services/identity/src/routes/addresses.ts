import Router from '@koa/router';
import { Address, AddressParams, UpdateAddressRequest } from '@shopmesh/contracts';
import { authenticate, parseBody, parseParams, requireUser, type TokenVerifier } from '@shopmesh/platform';
import { addAddress, listAddresses, removeAddress, updateAddress } from '../domain/addresses';
import type { IdentityDeps } from '../domain/ports';

/** The caller's saved addresses; every route is scoped to the caller. */
export function addressesRouter(deps: IdentityDeps, verifier: TokenVerifier): Router {
  const router = new Router({ prefix: '/me/addresses' });
  router.use(authenticate(verifier));

  router.get('/', async (ctx) => {
    ctx.body = { items: await listAddresses(deps, requireUser(ctx.state.user).id) };
  });

  router.post('/', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const saved = await addAddress(deps, user.id, parseBody(ctx, Address));
    ctx.status = 201;
    ctx.set('location', `/me/addresses/${saved.id}`);
    ctx.body = saved;
  });

  router.patch('/:id', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const { id } = parseParams(ctx, AddressParams);
    ctx.body = await updateAddress(deps, user.id, id, parseBody(ctx, UpdateAddressRequest));
  });

  router.delete('/:id', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const { id } = parseParams(ctx, AddressParams);
    await removeAddress(deps, user.id, id);
    ctx.status = 204;
  });

  return router;
}
