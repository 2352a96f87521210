import Router from '@koa/router';
import { ProductParams, ProductQuery, RelatedQuery, SuggestQuery } from '@shopmesh/contracts';
import { parseParams, parseQuery } from '@shopmesh/platform';
import { relatedProducts, suggest } from '../domain/discovery';
import type { CatalogDeps } from '../domain/ports';
import { getProduct, searchProducts } from '../domain/products';

/** Public product browsing, keyword/semantic/hybrid search, autocomplete and related products. */
export function productsRouter(deps: CatalogDeps): Router {
  const router = new Router({ prefix: '/products' });

  router.get('/', async (ctx) => {
    const query = parseQuery(ctx, ProductQuery);
    ctx.body = await searchProducts(deps, query);
  });

  router.get('/suggest', async (ctx) => {
    const { q } = parseQuery(ctx, SuggestQuery);
    ctx.body = await suggest(deps, q);
  });

  router.get('/:id', async (ctx) => {
    const { id } = parseParams(ctx, ProductParams);
    ctx.body = await getProduct(deps, id);
  });

  router.get('/:id/related', async (ctx) => {
    const { id } = parseParams(ctx, ProductParams);
    const { limit } = parseQuery(ctx, RelatedQuery);
    ctx.body = await relatedProducts(deps, id, limit);
  });

  return router;
}
