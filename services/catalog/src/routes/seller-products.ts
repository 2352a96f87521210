import Router from '@koa/router';
import { ProductDraft, ProductParams, ProductPatch, SellerProductQuery, SetStockRequest } from '@shopmesh/contracts';
import { parseBody, parseParams, parseQuery, requireRole } from '@shopmesh/platform';
import type { CatalogDeps } from '../domain/ports';
import { listSellerProducts } from '../domain/products';
import { createSellerProduct, deleteSellerProduct, updateSellerProduct } from '../domain/seller-products';
import { setSellerStock } from '../domain/seller-stock';

/** The seller portal's view of the caller's own products: list, create, change, delete, stock. */
export function sellerProductsRouter(deps: CatalogDeps): Router {
  const router = new Router({ prefix: '/seller/products' });

  router.get('/', async (ctx) => {
    const seller = requireRole(ctx.state.user, 'seller');
    const query = parseQuery(ctx, SellerProductQuery);
    ctx.body = await listSellerProducts(deps, seller.id, query);
  });

  router.post('/', async (ctx) => {
    const seller = requireRole(ctx.state.user, 'seller');
    const draft = parseBody(ctx, ProductDraft);
    const product = await createSellerProduct(deps, seller, draft);
    ctx.status = 201;
    ctx.set('location', `/products/${product.id}`);
    ctx.body = product;
  });

  router.patch('/:id', async (ctx) => {
    const seller = requireRole(ctx.state.user, 'seller');
    const { id } = parseParams(ctx, ProductParams);
    const patch = parseBody(ctx, ProductPatch);
    ctx.body = await updateSellerProduct(deps, seller, id, patch);
  });

  router.delete('/:id', async (ctx) => {
    const seller = requireRole(ctx.state.user, 'seller');
    const { id } = parseParams(ctx, ProductParams);
    await deleteSellerProduct(deps, seller, id);
    ctx.status = 204;
  });

  router.put('/:id/stock', async (ctx) => {
    const seller = requireRole(ctx.state.user, 'seller');
    const { id } = parseParams(ctx, ProductParams);
    const { quantity } = parseBody(ctx, SetStockRequest);
    ctx.body = await setSellerStock(deps, seller, id, quantity);
  });

  return router;
}
