import type { MikroORM } from '@mikro-orm/postgresql';
import { defineService, useOrm, type Clock, type Logger, type Runtime, type ServiceApp, type Subscription, type TokenVerifier } from '@shopmesh/platform';
import { createApp } from './app';
import { NotificationsConfig } from './config';
import { createMailboxStore } from './db/mailbox-store';
import { notificationsDatabase } from './db/schema';
import { bindingEmailSender, withDevMailbox } from './clients/email';
import { notificationSubscriptions } from './events/subscriptions';
import { NotificationFanout } from './domain/fanout';

/** What notifications is composed from: its config and the infrastructure a host (or a route test) gives it. */
export interface NotificationsParts {
  config: NotificationsConfig;
  orm: MikroORM;
  /** Mail leaves through its `email` binding. */
  runtime: Pick<Runtime, 'bindings'>;
  verifier: TokenVerifier;
  logger: Logger;
  clock: Clock;
}

/** Builds the app and the event subscriptions around one fanout, so stored notifications reach open streams; composition only. */
export function composeNotifications(parts: NotificationsParts): { app: ServiceApp; subscriptions: Subscription<any>[] } {
  const { config, orm, logger, clock } = parts;
  const fanout = new NotificationFanout();
  const mailbox = (config.NOTIFICATIONS_DEV_MAILBOX ?? config.SHOPMESH_RUNTIME === 'embedded') ? createMailboxStore(orm) : undefined;
  const binding = bindingEmailSender(parts.runtime.bindings, logger);
  const sendEmail = mailbox ? withDevMailbox(binding, mailbox, clock) : binding;
  const app = createApp({
    orm,
    fanout,
    verifier: parts.verifier,
    logger,
    clock,
    keepAliveMs: config.NOTIFICATIONS_KEEPALIVE_MS,
    sendEmail,
    ...(mailbox ? { mailbox } : {}),
  });
  return { app, subscriptions: notificationSubscriptions({ orm, fanout, sendEmail, clock }) };
}

/** The notifications service: stores notifications from domain events, streams them, emails confirmations. */
export const notificationsService = defineService({
  name: 'notifications',
  config: NotificationsConfig,
  database: notificationsDatabase,
  async create(ctx) {
    const { config, runtime, verifier, logger, clock } = ctx;
    return composeNotifications({ config, orm: useOrm(ctx), runtime, verifier, logger, clock });
  },
});
