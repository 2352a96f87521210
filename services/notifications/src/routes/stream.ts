import Router from '@koa/router';
import { NotificationStreamHeaders } from '@shopmesh/contracts';
import { parseHeaders, requireUser } from '@shopmesh/platform';
import type { NotificationRow } from '../db/notification.entity';
import type { NotificationStore } from '../db/notification-store';
import type { NotificationFanout } from '../domain/fanout';
import { openEventStream } from './event-stream';
import { toNotificationView } from './notification-view';

/**
 * `GET /notifications/stream`: the caller's new notifications as SSE events named `notification`. With
 * `Last-Event-ID` the ones created since that notification are replayed first.
 */
export function streamRouter(store: NotificationStore, fanout: NotificationFanout, keepAliveMs: number): Router {
  const router = new Router();

  router.get('/notifications/stream', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const lastEventId = parseHeaders(ctx, NotificationStreamHeaders)['last-event-id'];
    const stream = openEventStream(ctx, { keepAliveMs });
    const send = (n: NotificationRow) => stream.send('notification', n.id, toNotificationView(n));

    // Live rows that arrive while the replay is read wait in `pending`, so none is lost or sent twice.
    let pending: NotificationRow[] | undefined = [];
    stream.onClose(fanout.subscribe(user.id, (n) => (pending ? pending.push(n) : send(n))));
    const replayed = lastEventId ? await store.createdSince(user.id, lastEventId) : [];
    const seen = new Set(replayed.map((n) => n.id));
    for (const n of [...replayed, ...pending.filter((n) => !seen.has(n.id))]) send(n);
    pending = undefined;
  });

  return router;
}
