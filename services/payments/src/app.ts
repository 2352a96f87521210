import type { MikroORM } from '@mikro-orm/postgresql';
import { createServiceApp, type Clock, type Logger, type OutboxRelay, type ServiceApp } from '@shopmesh/platform';
import { createPaymentStore } from './db/payment-store';
import { createPayments } from './domain/payments';
import { paymentsRouter } from './routes/payments';

export interface PaymentsAppDeps {
  orm: MikroORM;
  relay: Pick<OutboxRelay, 'nudge'>;
  logger: Logger;
  clock: Clock;
}

export function createApp(deps: PaymentsAppDeps): ServiceApp {
  const payments = createPayments({ store: createPaymentStore(deps.orm, deps.relay), clock: deps.clock });
  return createServiceApp({
    name: 'payments',
    logger: deps.logger,
    routers: [paymentsRouter(payments)],
    ready: () => deps.orm.isConnected(),
  });
}
