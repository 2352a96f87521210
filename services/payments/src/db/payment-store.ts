import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { recordEvent, type OutboxRelay } from '@shopmesh/platform';
import type { PaymentRecord, PaymentStore, PaymentTx } from '../domain/ports';
import { PaymentMethodSchema, PaymentSchema } from './payment.entity';

function txFor(em: EntityManager): PaymentTx {
  return {
    findMethod: (token) => em.findOne(PaymentMethodSchema, { token }).then((m) => m ?? undefined),
    lockByOrder: (orderId) => em.findOne(PaymentSchema, { orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }).then((p) => p ?? undefined),
    async insert(payment: PaymentRecord) {
      const result = await em.createQueryBuilder(PaymentSchema).insert(payment).onConflict('orderId').ignore().execute('run');
      return result.affectedRows === 1;
    },
    async setStatus(orderId, status, now) {
      await em.nativeUpdate(PaymentSchema, { orderId }, { status, updatedAt: now });
    },
    recordEvent: (topic, data) => {
      recordEvent(em, topic, data);
    },
  };
}

/**
 * Payments in the service's database. Events go to the outbox in the same transaction; the relay is
 * nudged after each commit so they leave at once.
 */
export function createPaymentStore(orm: MikroORM, relay: Pick<OutboxRelay, 'nudge'>): PaymentStore {
  return {
    async transaction(work) {
      const result = await orm.em.fork().transactional((em) => work(txFor(em)));
      relay.nudge();
      return result;
    },
    async saveMethod(method) {
      await orm.em.fork().insert(PaymentMethodSchema, method);
    },
    findByOrder: (orderId) =>
      orm.em
        .fork()
        .findOne(PaymentSchema, { orderId })
        .then((p) => p ?? undefined),
  };
}
