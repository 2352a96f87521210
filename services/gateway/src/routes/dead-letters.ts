import Router from '@koa/router';
import { z } from 'zod';
import { DeadLetterReplay, ServiceDeadLetters, type DeadLetter, type DeadLetterList } from '@shopmesh/contracts';
import { APP_IDS, DomainError, invalidField, requireRole, type AppId, type Invoker, type Logger } from '@shopmesh/platform';
import { API_PREFIX, DEAD_LETTERS_PATH } from '../domain/route-table';

/** Every service but the gateway subscribes, or may: each keeps its own dead letters. */
const SUBSCRIBERS: readonly AppId[] = APP_IDS.filter((appId) => appId !== 'gateway');
const ReplayAnswer = z.object({ replayed: z.literal(true) });

/**
 * The ops view of the bus: `GET /admin/dead-letters` gathers every service's dead letters (a service
 * that does not answer is named in `unavailable`, not an error for the rest), and
 * `POST /admin/dead-letters/:id/replay` hands one back to the service whose handler failed it.
 */
export function deadLetterAdminRouter(deps: { invoke: Invoker; logger: Logger }): Router {
  const router = new Router({ prefix: `${API_PREFIX}${DEAD_LETTERS_PATH}` });

  router.get('/', async (ctx) => {
    requireRole(ctx.state.user, 'admin');
    const answers = await Promise.allSettled(
      SUBSCRIBERS.map((appId) => deps.invoke.json(appId, { method: 'GET', path: '/internal/dead-letters' }, ServiceDeadLetters)),
    );
    const items: DeadLetter[] = [];
    const unavailable: string[] = [];
    answers.forEach((answer, i) => {
      const subscriber = SUBSCRIBERS[i]!;
      if (answer.status === 'rejected') {
        deps.logger.warn({ err: answer.reason, subscriber }, 'dead letters: a service did not answer');
        unavailable.push(subscriber);
        return;
      }
      for (const letter of answer.value.items) {
        items.push({
          id: `${subscriber}:${letter.id}`,
          subscriber,
          topic: letter.topic,
          ...(letter.error === undefined ? {} : { error: letter.error }),
          ...(letter.attempts === undefined ? {} : { attempts: letter.attempts }),
          failedAt: letter.failedAt,
          eventId: letter.event.id,
          data: letter.event.data,
        });
      }
    });
    items.sort((a, b) => b.failedAt.localeCompare(a.failedAt));
    const body: DeadLetterList = { items, unavailable };
    ctx.body = body;
  });

  router.post('/:id/replay', async (ctx) => {
    requireRole(ctx.state.user, 'admin');
    const [, subscriber, localId] = /^([a-z]+):([\w-]{1,64})$/.exec(ctx.params.id ?? '') ?? [];
    const appId = SUBSCRIBERS.find((s) => s === subscriber);
    if (!appId || !localId) throw invalidField('params.id', 'a dead letter id as listed: <service>:<id>');
    await deps.invoke.json(appId, { method: 'POST', path: `/internal/dead-letters/${encodeURIComponent(localId)}/replay` }, ReplayAnswer);
    ctx.status = 202;
    const body: DeadLetterReplay = { id: `${appId}:${localId}`, replayed: true };
    ctx.body = body;
  });

  // The gateway answers these paths itself, so their other methods get its 405, not the proxy's 404.
  const notAllowed = (allow: string) => (ctx: { method: string }) => {
    throw new DomainError(405, 'method-not-allowed', `Method ${ctx.method} is not allowed here`, [], { allow });
  };
  router.all('/', notAllowed('GET'));
  router.all('/:id/replay', notAllowed('POST'));

  return router;
}
