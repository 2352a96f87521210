import Router from '@koa/router';
import { BoughtTogetherQuery, ProductParams, ProductQuery, RelatedQuery, SuggestQuery } from '@shopmesh/contracts';
import { parseParams, parseQuery } from '@shopmesh/platform';
import { relatedProducts, suggest } from '../domain/discovery';
import type { CatalogDeps } from '../domain/ports';
import { getProduct, productImage, searchProducts } from '../domain/products';
import { boughtTogether } from '../domain/purchases';

/** How long a browser or the edge may keep a drawn image before asking again (it changes only with name or category). */
const IMAGE_MAX_AGE_SECONDS = 3600;

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

  router.get('/:id/bought-together', async (ctx) => {
    const { id } = parseParams(ctx, ProductParams);
    const { limit } = parseQuery(ctx, BoughtTogetherQuery);
    ctx.body = await boughtTogether(deps, id, limit);
  });

  router.get('/:id/image', async (ctx) => {
    const { id } = parseParams(ctx, ProductParams);
    const image = await productImage(deps, id);
    if (image.kind === 'redirect') {
      ctx.set('cache-control', `public, max-age=${IMAGE_MAX_AGE_SECONDS}`);
      return ctx.redirect(image.url);
    }
    ctx.type = 'image/svg+xml';
    ctx.set('cache-control', `public, max-age=${IMAGE_MAX_AGE_SECONDS}`);
    // Opened on its own, the SVG may load nothing and run nothing.
    ctx.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    ctx.set('x-content-type-options', 'nosniff');
    ctx.body = image.svg;
  });

  return router;
}
