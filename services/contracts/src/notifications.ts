import { z } from 'zod';
import { Id, PageQuery, page, text } from './common';

/** What a notification is about. */
export const NotificationKind = z.enum(['welcome', 'order-placed', 'order-confirmed', 'order-cancelled', 'order-shipped', 'payment-failed', 'review-posted']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/**
 * A notification of one user, rendered from a domain event. `data` carries the ids the storefront links
 * to (e.g. `orderId`); `readAt` is null while unread.
 */
export const Notification = z.object({
  id: Id,
  userId: Id,
  kind: NotificationKind,
  title: text(),
  body: text(),
  data: z.record(text(), z.unknown()),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof Notification>;

/** `GET /notifications` query. */
export const NotificationQuery = PageQuery;
export type NotificationQuery = z.infer<typeof NotificationQuery>;

/** `GET /notifications` answer: the caller's notifications, newest first, with their unread count. */
export const NotificationPage = page(Notification).extend({ unreadCount: z.number().int().min(0) });
export type NotificationPage = z.infer<typeof NotificationPage>;

/** Path params of `/notifications/:id/read`; another user's notification is a 404. */
export const NotificationParams = z.object({ id: Id });
export type NotificationParams = z.infer<typeof NotificationParams>;

/**
 * Headers of `GET /notifications/stream` (SSE, events named `notification` with a {@link Notification}
 * as data and its id as event id). `Last-Event-ID` replays what was created after that notification.
 */
export const NotificationStreamHeaders = z.object({ 'last-event-id': Id.optional() });
export type NotificationStreamHeaders = z.infer<typeof NotificationStreamHeaders>;
