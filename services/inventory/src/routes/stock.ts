import Router from '@koa/router';
import { StockLookupRequest, StockParams, StockUpdate } from '@shopmesh/contracts';
import { parseBody, parseParams } from '@shopmesh/platform';
import type { InventoryDeps } from '../domain/ports';
import { lookupStock, setStock } from '../domain/stock';

/** Internal stock endpoints, called by catalog and cart through service invocation. */
export function stockRouter(deps: InventoryDeps): Router {
  const router = new Router({ prefix: '/internal/stock' });

  router.put('/:productId', async (ctx) => {
    const { productId } = parseParams(ctx, StockParams);
    const update = parseBody(ctx, StockUpdate);
    ctx.body = await setStock(deps, productId, update);
  });

  router.post('/lookup', async (ctx) => {
    const { productIds } = parseBody(ctx, StockLookupRequest);
    ctx.body = await lookupStock(deps, productIds);
  });

  return router;
}
