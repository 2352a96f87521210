import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  CheckoutStep,
  OrderCancelled,
  OrderConfirmed,
  OrderDelivered,
  OrderPlaced,
  OrderShipped,
  PaymentActionRequired,
  Topics,
  type CancelReason,
  type Money,
  type Order,
  type OrderStatus,
  type OrderSummary,
  type SellerOrder,
  type StepOutcome,
} from '@shopmesh/contracts';
import { recordEvent, type OutboxRelay } from '@shopmesh/platform';
import type { InOrderTx, OrderEvent, OrderTx } from '../domain/fulfilment';
import type { NewOrder } from '../domain/place-order';
import { OrderRepository } from './order-repository';

const EVENT_TOPICS = {
  shipped: { topic: Topics.orderShipped, schema: OrderShipped },
  delivered: { topic: Topics.orderDelivered, schema: OrderDelivered },
  cancelled: { topic: Topics.orderCancelled, schema: OrderCancelled },
} as const;

/** The order transaction of domain/fulfilment.ts over the repository: the row lock, writes and outbox. */
function orderTx(repo: OrderRepository, em: EntityManager): OrderTx {
  return {
    lockOrder: (id) => repo.lockOrder(id),
    shipments: (id) => repo.shipmentStates(id),
    updateShipment: (id, sellerId, change) => repo.updateShipment(id, sellerId, change),
    cancelShipments: (id) => repo.cancelShipments(id),
    setStatus: (id, from, to, cancel) => repo.transition(id, from, to, cancel?.reason, cancel?.code),
    recordStep: async (id, step, outcome, detail, sellerId) => {
      await repo.recordStep(id, step, outcome, detail, sellerId);
    },
    publish: (event: OrderEvent) => {
      const { topic, schema } = EVENT_TOPICS[event.topic];
      recordEvent(em, topic, schema.parse(event.data));
    },
  };
}

/** PostgreSQL's code for a unique violation: the idempotency key was taken by a concurrent request. */
const UNIQUE_VIOLATION = '23505';

/** An order still PENDING, with what its saga needs to be scheduled again. */
export interface PendingOrder {
  id: string;
  userId: string;
  lines: { productId: string; quantity: number }[];
  payment: { amount: Money; paymentMethod: string };
}

/**
 * The one place an order changes: each state transition commits with its timeline step and its event
 * in the outbox (order-placed, order-confirmed, order-cancelled), and the relay is nudged after commit.
 * Transitions are conditional on the current status, so a saga step that runs twice changes nothing.
 */
export interface OrderStore {
  findByIdempotencyKey(userId: string, key: string): Promise<{ id: string; status: OrderStatus; requestHash: string } | null>;
  /** Stores a new PENDING order; false when its idempotency key won a race meanwhile. */
  place(order: NewOrder): Promise<boolean>;
  /**
   * PENDING -> CONFIRMED with one shipment per seller; `cancel-requested` when the shopper asked to
   * cancel first (the order stays PENDING for the saga to cancel), `not-pending` on a rerun.
   */
  confirm(orderId: string): Promise<'confirmed' | 'cancel-requested' | 'not-pending'>;
  /** PENDING -> CANCELLED with the reason; false when the order was not PENDING. */
  cancel(orderId: string, reason: string, code?: CancelReason): Promise<boolean>;
  /** Notes a shopper's cancel of a PENDING order for the saga; false when it is no longer PENDING. */
  requestCancel(orderId: string): Promise<boolean>;
  /** Records that the card waits for the shopper's approval, with the event that tells them, once. */
  awaitApproval(orderId: string, approvePath: string): Promise<void>;
  /** Records a saga step once; a rerun of the same step keeps the first record. */
  recordStep(orderId: string, step: CheckoutStep, outcome: StepOutcome, detail?: string): Promise<void>;
  /** Runs fulfilment or cancel work in one transaction holding the order's row lock. */
  transaction: InOrderTx;
  sellerOrders(sellerId: string, page: number, pageSize: number): Promise<{ items: SellerOrder[]; total: number }>;
  sellerOrder(sellerId: string, orderId: string): Promise<SellerOrder | undefined>;
  get(id: string): Promise<Order | null>;
  list(userId: string, page: number, pageSize: number): Promise<{ items: OrderSummary[]; total: number }>;
  /** Orders PENDING since before `before`, oldest first (the checkout starter's safety net). */
  pendingSince(before: Date, limit: number): Promise<PendingOrder[]>;
}

export function createOrderStore(orm: MikroORM, relay: Pick<OutboxRelay, 'nudge'>): OrderStore {
  const read = () => new OrderRepository(orm.em.fork());
  const change = async <T>(work: (repo: OrderRepository, em: EntityManager) => Promise<T>): Promise<T> => {
    const result = await orm.em.fork().transactional((em) => work(new OrderRepository(em), em));
    relay.nudge();
    return result;
  };

  return {
    findByIdempotencyKey: (userId, key) => read().findByIdempotencyKey(userId, key),

    async place(order) {
      try {
        await change(async (repo, em) => {
          const { discount, ...placed } = order;
          repo.add(
            {
              ...placed,
              status: 'PENDING',
              totalAmount: order.total.amount,
              currency: order.total.currency,
              ...(discount ? { promoCode: discount.code } : {}),
              discountAmount: discount?.amount.amount ?? 0,
              updatedAt: order.createdAt,
            },
            order.lines,
          );
          recordEvent(em, Topics.orderPlaced, OrderPlaced.parse({ orderId: order.id, userId: order.userId, total: order.total, items: order.lines }));
        });
        return true;
      } catch (err) {
        if ((err as { code?: string }).code === UNIQUE_VIOLATION) return false;
        throw err;
      }
    },

    confirm: (orderId) =>
      change(async (repo, em) => {
        const outcome = await repo.confirm(orderId);
        if (outcome !== 'confirmed') return outcome;
        const order = (await repo.get(orderId))!;
        await repo.recordStep(orderId, CheckoutStep.enum.confirmed, 'ok');
        recordEvent(em, Topics.orderConfirmed, OrderConfirmed.parse({ orderId, userId: order.userId, total: order.total, items: order.items }));
        return outcome;
      }),

    cancel: (orderId, reason, code) =>
      change(async (repo, em) => {
        if (!(await repo.transition(orderId, 'PENDING', 'CANCELLED', reason, code))) return false;
        const order = (await repo.findRecord(orderId))!;
        await repo.recordStep(orderId, CheckoutStep.enum.cancelled, 'failed', reason);
        recordEvent(em, Topics.orderCancelled, OrderCancelled.parse({ orderId, userId: order.userId, reason, ...(code ? { code } : {}) }));
        return true;
      }),

    requestCancel: (orderId) =>
      change(async (repo) => {
        if (!(await repo.requestCancel(orderId))) return false;
        await repo.recordStep(orderId, CheckoutStep.enum['cancel-requested'], 'info');
        return true;
      }),

    awaitApproval: (orderId, approvePath) =>
      change(async (repo, em) => {
        if (!(await repo.recordStep(orderId, CheckoutStep.enum['payment-action-required'], 'waiting', 'approve the payment to complete the order'))) return;
        const order = (await repo.findRecord(orderId))!;
        recordEvent(em, Topics.paymentActionRequired, PaymentActionRequired.parse({ orderId, userId: order.userId, approvePath }));
      }),

    recordStep: async (orderId, step, outcome, detail) => {
      await orm.em.fork().transactional((em) => new OrderRepository(em).recordStep(orderId, step, outcome, detail));
    },

    transaction: (work) => change((repo, em) => work(orderTx(repo, em))),
    sellerOrders: (sellerId, page, pageSize) => read().sellerOrders(sellerId, page, pageSize),
    sellerOrder: (sellerId, orderId) => read().sellerOrder(sellerId, orderId),

    get: (id) => read().get(id),
    list: (userId, page, pageSize) => read().listForUser(userId, page, pageSize),

    async pendingSince(before, limit) {
      const repo = read();
      const orders = await repo.pendingSince(before, limit);
      return Promise.all(orders.map(async (order) => ({ ...order, lines: await repo.lines(order.id) })));
    },
  };
}
