import type { Notification } from '@shopmesh/contracts';
import type { NotificationRow } from '../db/notification.entity';

export const toNotificationView = (n: NotificationRow): Notification => ({
  id: n.id,
  userId: n.userId,
  kind: n.kind,
  title: n.title,
  body: n.body,
  data: n.data,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});
