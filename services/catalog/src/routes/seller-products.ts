import Router from '@koa/router';
import { ProductParams, SellerProductQuery, SetStockRequest } from '@shopmesh/contracts';
import { parseBody, parseParams, parseQuery, requireRole } from '@shopmesh/platform';
import type { CatalogDeps } from '../domain/ports';
import { listSellerProducts } from '../domain/products';
import { setSellerStock } from '../domain/seller-stock';

/** The seller portal's view of the caller's own products. */
export function sellerProductsRouter(deps: CatalogDeps): Router {
  const router = new Router({ prefix: '/seller/products' });

  router.get('/', async (ctx) => {
    const seller = requireRole(ctx.state.user, 'seller');
    const query = parseQuery(ctx, SellerProductQuery);
    ctx.body = await listSellerProducts(deps, seller.id, query);
  });

  router.put('/:id/stock', async (ctx) => {
    const seller = requireRole(ctx.state.user, 'seller');
    const { id } = parseParams(ctx, ProductParams);
    const { quantity } = parseBody(ctx, SetStockRequest);
    ctx.body = await setSellerStock(deps, seller, id, quantity);
  });

  return router;
}
