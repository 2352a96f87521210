import Router from '@koa/router';
import { CreatePromoCodeRequest, RedeemPromoRequest, ReleasePromoRequest, type PromoCodeList } from '@shopmesh/contracts';
import { parseBody, requireRole } from '@shopmesh/platform';
import type { PromoService } from '../domain/promo-service';

/** Sellers' and admins' promo codes, and the redemption orders makes at placement (by invocation). */
export function promoRouter(promos: PromoService): Router {
  const router = new Router();

  router.get('/seller/promo-codes', async (ctx) => {
    const seller = requireRole(ctx.state.user, 'seller');
    ctx.body = { items: await promos.list(seller.id) } satisfies PromoCodeList;
  });

  router.post('/seller/promo-codes', async (ctx) => {
    const seller = requireRole(ctx.state.user, 'seller');
    const request = parseBody(ctx, CreatePromoCodeRequest);
    ctx.body = await promos.create(seller.id, seller.id, request);
    ctx.status = 201;
  });

  router.get('/admin/promo-codes', async (ctx) => {
    requireRole(ctx.state.user, 'admin');
    ctx.body = { items: await promos.list(null) } satisfies PromoCodeList;
  });

  router.post('/admin/promo-codes', async (ctx) => {
    const admin = requireRole(ctx.state.user, 'admin');
    const request = parseBody(ctx, CreatePromoCodeRequest);
    ctx.body = await promos.create(null, admin.id, request);
    ctx.status = 201;
  });

  router.post('/internal/promos/redeem', async (ctx) => {
    ctx.body = await promos.redeem(parseBody(ctx, RedeemPromoRequest));
  });

  router.post('/internal/promos/release', async (ctx) => {
    await promos.release(parseBody(ctx, ReleasePromoRequest).orderId);
    ctx.status = 204;
  });

  return router;
}
