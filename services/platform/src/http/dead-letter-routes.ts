import Router from '@koa/router';
import { notFound } from '../errors';
import type { DeadLetters } from '../runtime/port';

/**
 * `GET /internal/dead-letters` and `POST /internal/dead-letters/:id/replay` on every service, over its
 * runtime's dead letters: the gateway's admin routes gather them from each service. Internal paths,
 * so only callers with the app token reach them.
 */
export function deadLetterRouter(deadLetters: DeadLetters): Router {
  const router = new Router();

  router.get('/internal/dead-letters', async (ctx) => {
    ctx.body = { items: await deadLetters.list() };
  });

  router.post('/internal/dead-letters/:id/replay', async (ctx) => {
    const id = ctx.params.id ?? '';
    if (!(await deadLetters.replay(id))) throw notFound('Dead letter');
    ctx.status = 202;
    ctx.body = { id, replayed: true };
  });

  return router;
}
