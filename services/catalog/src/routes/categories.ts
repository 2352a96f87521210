import Router from '@koa/router';
import { CategoryParams } from '@shopmesh/contracts';
import { parseParams } from '@shopmesh/platform';
import { getCategory, listCategories } from '../domain/browse';
import type { CatalogDeps } from '../domain/ports';

/** Public category list and detail. */
export function categoriesRouter(deps: CatalogDeps): Router {
  const router = new Router({ prefix: '/categories' });

  router.get('/', async (ctx) => {
    ctx.body = await listCategories(deps);
  });

  router.get('/:slug', async (ctx) => {
    const { slug } = parseParams(ctx, CategoryParams);
    ctx.body = await getCategory(deps, slug);
  });

  return router;
}
