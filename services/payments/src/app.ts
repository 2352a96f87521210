import { createServiceApp, type Clock, type Logger, type ServiceApp } from '@shopmesh/platform';
import { createPayments } from './domain/payments';
import type { PaymentStore } from './domain/ports';
import { paymentsRouter } from './routes/payments';

export interface PaymentsAppDeps {
  store: PaymentStore;
  logger: Logger;
  clock: Clock;
  /** Whether the database can take traffic now. */
  ready: () => Promise<boolean>;
}

export function createApp(deps: PaymentsAppDeps): ServiceApp {
  const payments = createPayments({ store: deps.store, clock: deps.clock });
  return createServiceApp({
    name: 'payments',
    logger: deps.logger,
    routers: [paymentsRouter(payments)],
    ready: deps.ready,
  });
}
