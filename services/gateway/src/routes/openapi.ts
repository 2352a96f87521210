import Router from '@koa/router';
import { Problem } from '@shopmesh/contracts';
import { buildOpenApi } from '../domain/openapi';
import { API_PREFIX } from '../domain/route-table';
import { API_OPERATIONS } from '../domain/api-operations';

/** Serves the OpenAPI document of the public API, built once from the contracts. */
export function openapiRouter(): Router {
  const router = new Router();
  const document = buildOpenApi(API_OPERATIONS, { title: 'ShopMesh API', version: '1', serverUrl: API_PREFIX, problem: Problem });

  router.get('/api/openapi.json', (ctx) => {
    ctx.set('cache-control', 'public, max-age=300');
    ctx.body = document;
  });

  return router;
}
