import { z } from 'zod';
import { defineService, env, useOrm } from '@shopmesh/platform';
import { createApp } from './app';
import { DevMailSchema, NotificationSchema, OrderOwnerSchema } from './db/entities';
import { createMailboxStore } from './db/mailbox-store';
import { notificationMigrations } from './db/migrations';
import { bindingEmailSender, withDevMailbox } from './email';
import { notificationSubscriptions } from './events/subscriptions';
import { NotificationFanout } from './fanout';

/** The notifications service: stores notifications from domain events, streams them, emails confirmations. */
export const notificationsService = defineService({
  name: 'notifications',
  config: z.object({
    NOTIFICATIONS_KEEPALIVE_MS: env.int(15_000).pipe(z.number().min(100)),
    SHOPMESH_RUNTIME: z.enum(['embedded', 'dapr']).default('embedded'),
    /** Keep a copy of sent mail for `GET /admin/mail`; on by default in embedded mode, which has no mail server. */
    NOTIFICATIONS_DEV_MAILBOX: z
      .enum(['true', 'false', '1', '0'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  }),
  database: { entities: [NotificationSchema, OrderOwnerSchema, DevMailSchema], migrations: notificationMigrations },
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
