import Router from '@koa/router';
import { SellerParams, SellerProfileQuery } from '@shopmesh/contracts';
import { parseParams, parseQuery } from '@shopmesh/platform';
import { getSeller } from '../domain/browse';
import type { CatalogDeps } from '../domain/ports';

/** Public seller profiles. */
export function sellersRouter(deps: CatalogDeps): Router {
  const router = new Router({ prefix: '/sellers' });

  router.get('/:id', async (ctx) => {
    const { id } = parseParams(ctx, SellerParams);
    const query = parseQuery(ctx, SellerProfileQuery);
    ctx.body = await getSeller(deps, id, query);
  });

  return router;
}
