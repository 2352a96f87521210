import Router from '@koa/router';
import { ProductLookupRequest } from '@shopmesh/contracts';
import { parseBody } from '@shopmesh/platform';
import type { CatalogDeps } from '../domain/ports';
import { lookupProducts } from '../domain/products';

/** Product lookups for cart and orders (service invocation only; the gateway never routes /internal). */
export function internalProductsRouter(deps: CatalogDeps): Router {
  const router = new Router({ prefix: '/internal/products' });

  router.post('/lookup', async (ctx) => {
    const { ids } = parseBody(ctx, ProductLookupRequest);
    ctx.body = await lookupProducts(deps, ids);
  });

  return router;
}
