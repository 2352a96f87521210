import Router from '@koa/router';
import { ReservationParams, ReservationRequest } from '@shopmesh/contracts';
import { parseBody, parseParams } from '@shopmesh/platform';
import type { InventoryDeps } from '../domain/ports';
import { commit, getReservation, release, reserve, restock } from '../domain/reservations';

/** Internal reservation endpoints, called by the checkout saga through service invocation. */
export function reservationsRouter(deps: InventoryDeps): Router {
  const router = new Router({ prefix: '/internal/reservations' });

  router.post('/', async (ctx) => {
    const request = parseBody(ctx, ReservationRequest);
    const { reservation, created } = await reserve(deps, request);
    ctx.status = created ? 201 : 200;
    ctx.body = reservation;
  });

  router.get('/:orderId', async (ctx) => {
    const { orderId } = parseParams(ctx, ReservationParams);
    ctx.body = await getReservation(deps, orderId);
  });

  router.post('/:orderId/release', async (ctx) => {
    const { orderId } = parseParams(ctx, ReservationParams);
    ctx.body = await release(deps, orderId);
  });

  router.post('/:orderId/commit', async (ctx) => {
    const { orderId } = parseParams(ctx, ReservationParams);
    ctx.body = await commit(deps, orderId);
  });

  router.post('/:orderId/restock', async (ctx) => {
    const { orderId } = parseParams(ctx, ReservationParams);
    ctx.body = await restock(deps, orderId);
  });

  return router;
}
