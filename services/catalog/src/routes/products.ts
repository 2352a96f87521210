import Router from '@koa/router';
import { ProductParams, ProductQuery } from '@shopmesh/contracts';
import { parseParams, parseQuery } from '@shopmesh/platform';
import type { CatalogDeps } from '../domain/ports';
import { getProduct, searchProducts } from '../domain/products';

/** Public product browsing and keyword search. */
export function productsRouter(deps: CatalogDeps): Router {
  const router = new Router({ prefix: '/products' });

  router.get('/', async (ctx) => {
    const query = parseQuery(ctx, ProductQuery);
    ctx.body = await searchProducts(deps, query);
  });

  router.get('/:id', async (ctx) => {
    const { id } = parseParams(ctx, ProductParams);
    ctx.body = await getProduct(deps, id);
  });

  return router;
}
