import { randomUUID } from 'node:crypto';
import { createOutboxRelay, defineService, useOrm } from '@shopmesh/platform';
import { createApp } from './app';
import { cartClient } from './clients/cart';
import { catalogClient } from './clients/catalog';
import { identityClient } from './clients/identity';
import { inventoryClient } from './clients/inventory';
import { paymentsClient } from './clients/payments';
import { promoClient } from './clients/promos';
import { OrdersConfig, sagaTiming } from './config';
import { createOrderStore } from './db/order-store';
import { ordersDatabase } from './db/schema';
import {
  CANCEL_REQUESTED_EVENT,
  CHECKOUT_WORKFLOW,
  ORDER_REFUND_WORKFLOW,
  PAYMENT_APPROVED_EVENT,
  checkoutWorkflow,
  orderRefundWorkflow,
  refundInstanceId,
} from './domain/checkout-workflow';
import { createOrderService } from './domain/order-service';
import { checkoutActivities } from './workflows/activities';
import { createCheckoutStarter, startCheckout } from './tasks/checkout-starter';

/** The orders service: orders, the checkout saga and its outbox. Composition only. */
export const ordersService = defineService({
  name: 'orders',
  config: OrdersConfig,
  database: ordersDatabase,
  async create({ config, runtime, logger, clock, verifier, ...ctx }) {
    const orm = useOrm(ctx);
    const relay = createOutboxRelay(orm, runtime.pubsub, logger);
    const store = createOrderStore(orm, relay);
    const timing = sagaTiming(config);
    const cart = cartClient(runtime.invoke);
    const catalog = catalogClient(runtime.invoke);
    const identity = identityClient(runtime.invoke);
    const payments = paymentsClient(runtime.invoke);
    const inventory = inventoryClient(runtime.invoke);

    const orders = createOrderService(
      {
        findByIdempotencyKey: store.findByIdempotencyKey,
        claimCart: cart.claim,
        releaseCart: cart.releaseClaim,
        reserveStock: async (orderId, items) => {
          await inventory.reserve({ orderId, items, ttlSeconds: timing.reservationTtlSeconds });
        },
        releaseStock: async (orderId) => {
          await inventory.release(orderId);
        },
        lookupProducts: catalog.priceItems,
        savedAddress: identity.savedAddress,
        save: store.place,
        registerCard: payments.registerCard,
        startCheckout: async (order) => {
          await startCheckout(runtime.workflows, timing, { ...order, payment: { amount: order.total, paymentMethod: order.paymentMethod } });
        },
        promotions: promoClient(runtime.invoke),
        newId: randomUUID,
        clock,
      },
      {
        get: store.get,
        list: store.list,
        signalApproval: (id) => runtime.workflows.raiseEvent(id, PAYMENT_APPROVED_EVENT, { approvedAt: clock.now().toISOString() }),
        requestCancel: store.requestCancel,
        signalCancel: (id) => runtime.workflows.raiseEvent(id, CANCEL_REQUESTED_EVENT, { requestedAt: clock.now().toISOString() }),
        startRefund: async (id) => {
          await runtime.workflows.schedule(ORDER_REFUND_WORKFLOW, { orderId: id }, refundInstanceId(id));
        },
        transaction: store.transaction,
        sellerOrders: store.sellerOrders,
        sellerOrder: store.sellerOrder,
        clock,
      },
    );

    return {
      app: createApp({ orders, verifier, logger, ready: async () => orm.isConnected() }),
      workflows: {
        workflows: { [CHECKOUT_WORKFLOW]: checkoutWorkflow, [ORDER_REFUND_WORKFLOW]: orderRefundWorkflow },
        activities: checkoutActivities({ store, inventory, payments, cart }),
      },
      background: [
        relay,
        createCheckoutStarter(store, runtime.workflows, timing, logger, {
          intervalMs: config.CHECKOUT_STARTER_INTERVAL_MS,
          graceMs: config.CHECKOUT_STARTER_GRACE_MS,
        }),
      ],
    };
  },
});
