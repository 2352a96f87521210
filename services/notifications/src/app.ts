import type { MikroORM } from '@mikro-orm/postgresql';
import { Gauge } from 'prom-client';
import { authenticate, createServiceApp, type Clock, type Logger, type ServiceApp, type TokenVerifier } from '@shopmesh/platform';
import type { MailboxStore } from './db/mailbox-store';
import { createNotificationStore } from './db/notification-store';
import type { SendEmail } from './clients/email';
import type { NotificationFanout } from './domain/fanout';
import { mailRouter } from './routes/mail';
import { notificationsRouter } from './routes/notifications';
import { streamRouter } from './routes/stream';

export interface NotificationsAppDeps {
  orm: MikroORM;
  fanout: NotificationFanout;
  verifier: TokenVerifier;
  logger: Logger;
  clock: Clock;
  /** Interval of the SSE keep-alive comments. */
  keepAliveMs: number;
  sendEmail: SendEmail;
  /** The dev mailbox (embedded mode); absent where mail only leaves through the binding. */
  mailbox?: MailboxStore;
}

export function createApp(deps: NotificationsAppDeps): ServiceApp {
  const store = createNotificationStore(deps.orm);
  const app = createServiceApp({
    name: 'notifications',
    logger: deps.logger,
    middleware: [authenticate(deps.verifier)],
    routers: [streamRouter(store, deps.fanout, deps.keepAliveMs), notificationsRouter(store, deps.clock), mailRouter(deps.sendEmail, deps.mailbox)],
    ready: () => deps.orm.isConnected(),
  });
  new Gauge({
    name: 'notifications_open_streams',
    help: 'SSE notification streams open on this instance',
    registers: [app.metrics],
    collect() {
      this.set(deps.fanout.size);
    },
  });
  return app;
}
