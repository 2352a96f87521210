import { z } from 'zod';
import { defineService, env, useOrm } from '@shopmesh/platform';
import { createApp } from './app';
import { NotificationSchema, OrderOwnerSchema } from './db/entities';
import { notificationMigrations } from './db/migrations';
import { bindingEmailSender } from './email';
import { notificationSubscriptions } from './events/subscriptions';
import { NotificationFanout } from './fanout';

/** The notifications service: stores notifications from domain events, streams them, emails confirmations. */
export const notificationsService = defineService({
  name: 'notifications',
  config: z.object({ NOTIFICATIONS_KEEPALIVE_MS: env.int(15_000).pipe(z.number().min(100)) }),
  database: { entities: [NotificationSchema, OrderOwnerSchema], migrations: notificationMigrations },
  async create(ctx) {
    const orm = useOrm(ctx);
    const fanout = new NotificationFanout();
    const sendEmail = bindingEmailSender(ctx.runtime.bindings, ctx.logger);
    const app = createApp({ orm, fanout, verifier: ctx.verifier, logger: ctx.logger, clock: ctx.clock, keepAliveMs: ctx.config.NOTIFICATIONS_KEEPALIVE_MS });
    return { app, subscriptions: notificationSubscriptions({ orm, fanout, sendEmail, clock: ctx.clock }) };
  },
});
