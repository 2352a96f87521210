import { z } from 'zod';
import { Id, PageQuery, page, text } from './common';

/** What a notification is about. */
export const NotificationKind = z.enum([
  'welcome',
  'order-placed',
  'order-confirmed',
  'order-cancelled',
  'order-shipped',
  'order-delivered',
  'payment-failed',
  'payment-action-required',
  'payment-refunded',
  'review-posted',
]);
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

/** What a mail is about; the dev mailbox and the binding's metadata carry it. */
export const MailKind = z.enum(['password-reset', 'verify-email', 'order-confirmed']);
export type MailKind = z.infer<typeof MailKind>;

/** `POST /internal/mail` (service invocation only): one e-mail for notifications to send through the email binding. */
export const SendMailRequest = z.object({
  to: z.email().max(254),
  subject: text().min(1).max(200),
  body: text().min(1).max(10_000),
  kind: MailKind,
});
export type SendMailRequest = z.infer<typeof SendMailRequest>;

/** A mail as the dev mailbox kept it (embedded mode; on Dapr mail leaves through the binding). */
export const DevMail = z.object({
  id: Id,
  to: text().nullable(),
  subject: text(),
  body: text(),
  kind: MailKind,
  sentAt: z.iso.datetime(),
});
export type DevMail = z.infer<typeof DevMail>;

/** `GET /admin/mail` query: newest first, optionally only the mail to one address. */
export const DevMailQuery = PageQuery.extend({ to: z.email().max(254).toLowerCase().optional() });
export type DevMailQuery = z.infer<typeof DevMailQuery>;

/** `GET /admin/mail` answer. */
export const DevMailPage = page(DevMail);
export type DevMailPage = z.infer<typeof DevMailPage>;
