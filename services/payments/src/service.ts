import { createOutboxRelay, defineService, useOrm } from '@shopmesh/platform';
import { createApp } from './app';
import { PaymentsConfig } from './config';
import { createPaymentStore } from './db/payment-store';
import { paymentsDatabase } from './db/schema';

/** The payments service: a simulated card processor with its own database and outbox. */
export const paymentsService = defineService({
  name: 'payments',
  config: PaymentsConfig,
  database: paymentsDatabase,
  async create(ctx) {
    const orm = useOrm(ctx);
    const relay = createOutboxRelay(orm, ctx.runtime.pubsub, ctx.logger);
    const app = createApp({ store: createPaymentStore(orm, relay), logger: ctx.logger, clock: ctx.clock, ready: () => orm.isConnected() });
    return { app, background: [relay] };
  },
});
