import Router from '@koa/router';
import { CreateReviewRequest, ProductParams, ReviewQuery } from '@shopmesh/contracts';
import { parseBody, parseParams, parseQuery, requireUser } from '@shopmesh/platform';
import type { CatalogDeps } from '../domain/ports';
import { listReviews, postReview } from '../domain/reviews';

/** Shoppers' reviews of a product. */
export function reviewsRouter(deps: CatalogDeps): Router {
  const router = new Router({ prefix: '/products/:id/reviews' });

  router.get('/', async (ctx) => {
    const { id } = parseParams(ctx, ProductParams);
    const query = parseQuery(ctx, ReviewQuery);
    ctx.body = await listReviews(deps, id, query);
  });

  router.post('/', async (ctx) => {
    const author = requireUser(ctx.state.user);
    const { id } = parseParams(ctx, ProductParams);
    const request = parseBody(ctx, CreateReviewRequest);
    ctx.status = 201;
    ctx.body = await postReview(deps, author, id, request);
  });

  return router;
}
