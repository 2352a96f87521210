import { z } from 'zod';
import { createOutboxRelay, defineService, useOrm } from '@shopmesh/platform';
import { createApp } from './app';
import { PaymentMethodSchema, PaymentSchema } from './db/payment-entity';
import { paymentMigrations } from './db/migrations';

/** The payments service: a simulated card processor with its own database and outbox. */
export const paymentsService = defineService({
  name: 'payments',
  config: z.object({}),
  database: { entities: [PaymentSchema, PaymentMethodSchema], migrations: paymentMigrations },
  async create(ctx) {
    const orm = useOrm(ctx);
    const relay = createOutboxRelay(orm, ctx.runtime.pubsub, ctx.logger);
    const app = createApp({ orm, relay, logger: ctx.logger, clock: ctx.clock });
    return { app, background: [relay] };
  },
});
