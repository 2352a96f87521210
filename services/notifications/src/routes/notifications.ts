import Router from '@koa/router';
import { NotificationParams, NotificationQuery, type NotificationPage } from '@shopmesh/contracts';
import { notFound, parseParams, parseQuery, requireUser, type Clock } from '@shopmesh/platform';
import type { NotificationStore } from '../db/notification-store';
import { toNotificationView } from './notification-view';

export function notificationsRouter(store: NotificationStore, clock: Clock): Router {
  const router = new Router();

  router.get('/notifications', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const { page, pageSize } = parseQuery(ctx, NotificationQuery);
    const { items, total, unreadCount } = await store.pageFor(user.id, page, pageSize);
    ctx.body = { items: items.map(toNotificationView), total, page, pageSize, unreadCount } satisfies NotificationPage;
  });

  router.post('/notifications/:id/read', async (ctx) => {
    const user = requireUser(ctx.state.user);
    const { id } = parseParams(ctx, NotificationParams);
    const row = await store.markRead(id, user.id, clock.now());
    if (!row) throw notFound('Notification');
    ctx.body = toNotificationView(row);
  });

  return router;
}
