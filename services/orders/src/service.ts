import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Address, OrderPlaced, Topics } from '@shopmesh/contracts';
import { createOutboxRelay, defineService, env, recordEvent, useOrm } from '@shopmesh/platform';
import { createApp } from './app';
import { OrderRepository } from './db/order-repository';
import { OrderLineSchema, OrderSchema, TimelineSchema } from './db/entities';
import { migrations } from './db/migrations';
import { CHECKOUT_WORKFLOW, PAYMENT_APPROVED_EVENT, checkoutWorkflow } from './domain/checkout-workflow';
import { createOrderService } from './domain/order-service';
import type { PlaceOrderPorts } from './domain/place-order';
import { createCheckoutActivities } from './saga/activities';
import { createCheckoutStarter, startCheckout } from './saga/checkout-starter';
import { registerCard } from './saga/register-card';

const InternalCart = z.object({ lines: z.array(z.looseObject({ productId: z.uuid(), quantity: z.number().int().min(1) })) });
const ProductFacts = z.array(
  z.looseObject({ id: z.uuid(), sellerId: z.uuid(), name: z.string(), price: z.object({ amount: z.number().int(), currency: z.string() }) }),
);

/** The orders service: orders, the checkout saga and its outbox. */
export const ordersService = defineService({
  name: 'orders',
  config: z.object({
    PAYMENT_APPROVAL_TIMEOUT_SECONDS: env.int(300),
    CHECKOUT_STARTER_INTERVAL_MS: env.int(5000),
  }),
  database: { entities: [OrderSchema, OrderLineSchema, TimelineSchema], migrations },
  async create({ config, runtime, logger, clock, verifier, ...ctx }) {
    const orm = useOrm(ctx);
    const relay = createOutboxRelay(orm, runtime.pubsub, logger);
    const timing = { approvalTimeoutSeconds: config.PAYMENT_APPROVAL_TIMEOUT_SECONDS, reservationTtlSeconds: config.PAYMENT_APPROVAL_TIMEOUT_SECONDS + 600 };

    const placing: PlaceOrderPorts = {
      findByIdempotencyKey: (userId, key) => new OrderRepository(orm.em.fork()).findByIdempotencyKey(userId, key),
      readCart: async (userId) => (await runtime.invoke.json('cart', { method: 'GET', path: `/internal/carts/${userId}` }, InternalCart)).lines,
      lookupProducts: (ids) => runtime.invoke.json('catalog', { method: 'POST', path: '/internal/products/lookup', body: { ids } }, ProductFacts),
      savedAddress: (userId, addressId) =>
        runtime.invoke.json('identity', { method: 'GET', path: `/internal/users/${userId}/addresses/${addressId}` }, Address),
      save: async (order) => {
        try {
          await orm.em.fork().transactional(async (em) => {
            new OrderRepository(em).add(
              { ...order, status: 'PENDING', totalAmount: order.total.amount, currency: order.total.currency, updatedAt: order.createdAt },
              order.lines,
            );
            recordEvent(em, Topics.orderPlaced, OrderPlaced.parse({ orderId: order.id, userId: order.userId, total: order.total, items: order.lines }));
          });
        } catch (err) {
          if ((err as { code?: string }).code === '23505') return false;
          throw err;
        }
        relay.nudge();
        return true;
      },
      registerCard: (card) => registerCard(runtime.invoke, card),
      startCheckout: async (order) => {
        await startCheckout(runtime.workflows, timing, { ...order, payment: { amount: order.total, paymentMethod: order.paymentMethod } });
      },
      newId: randomUUID,
      clock,
    };

    const orders = createOrderService(placing, {
      get: (id) => new OrderRepository(orm.em.fork()).get(id),
      list: (userId, page, pageSize) => new OrderRepository(orm.em.fork()).listForUser(userId, page, pageSize),
      signalApproval: (id) => runtime.workflows.raiseEvent(id, PAYMENT_APPROVED_EVENT, { approvedAt: clock.now().toISOString() }),
    });

    return {
      app: createApp({ orders, verifier, logger, ready: async () => orm.isConnected() }),
      workflows: {
        workflows: { [CHECKOUT_WORKFLOW]: checkoutWorkflow },
        activities: createCheckoutActivities({ orm, runtime, relay, logger }),
      },
      background: [relay, createCheckoutStarter(orm, runtime.workflows, timing, logger, { intervalMs: config.CHECKOUT_STARTER_INTERVAL_MS, graceMs: 10_000 })],
    };
  },
});
