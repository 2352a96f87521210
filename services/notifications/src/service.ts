import { defineService, useOrm } from '@shopmesh/platform';
import { createApp } from './app';
import { NotificationsConfig } from './config';
import { createMailboxStore } from './db/mailbox-store';
import { notificationsDatabase } from './db/schema';
import { bindingEmailSender, withDevMailbox } from './clients/email';
import { notificationSubscriptions } from './events/subscriptions';
import { NotificationFanout } from './domain/fanout';

/** The notifications service: stores notifications from domain events, streams them, emails confirmations. */
export const notificationsService = defineService({
  name: 'notifications',
  config: NotificationsConfig,
  database: notificationsDatabase,
  async create(ctx) {
    const orm = useOrm(ctx);
    const fanout = new NotificationFanout();
    const { config } = ctx;
    const mailbox = (config.NOTIFICATIONS_DEV_MAILBOX ?? config.SHOPMESH_RUNTIME === 'embedded') ? createMailboxStore(orm) : undefined;
    const binding = bindingEmailSender(ctx.runtime.bindings, ctx.logger);
    const sendEmail = mailbox ? withDevMailbox(binding, mailbox, ctx.clock) : binding;
    const app = createApp({
      orm,
      fanout,
      verifier: ctx.verifier,
      logger: ctx.logger,
      clock: ctx.clock,
      keepAliveMs: config.NOTIFICATIONS_KEEPALIVE_MS,
      sendEmail,
      ...(mailbox ? { mailbox } : {}),
    });
    return { app, subscriptions: notificationSubscriptions({ orm, fanout, sendEmail, clock: ctx.clock }) };
  },
});
