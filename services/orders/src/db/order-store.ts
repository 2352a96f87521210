import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  CheckoutStep,
  OrderCancelled,
  OrderConfirmed,
  OrderPlaced,
  Topics,
  type Money,
  type Order,
  type OrderStatus,
  type OrderSummary,
  type StepOutcome,
} from '@shopmesh/contracts';
import { recordEvent, type OutboxRelay } from '@shopmesh/platform';
import type { NewOrder } from '../domain/place-order';
import { OrderRepository } from './order-repository';

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
  /** PENDING -> CONFIRMED; false when the order was not PENDING (already moved: a rerun). */
  confirm(orderId: string): Promise<boolean>;
  /** PENDING -> CANCELLED with the reason; false when the order was not PENDING. */
  cancel(orderId: string, reason: string): Promise<boolean>;
  /** Records a saga step once; a rerun of the same step keeps the first record. */
  recordStep(orderId: string, step: CheckoutStep, outcome: StepOutcome, detail?: string): Promise<void>;
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
          repo.add({ ...order, status: 'PENDING', totalAmount: order.total.amount, currency: order.total.currency, updatedAt: order.createdAt }, order.lines);
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
        if (!(await repo.transition(orderId, 'PENDING', 'CONFIRMED'))) return false;
        const order = (await repo.get(orderId))!;
        await repo.recordStep(orderId, CheckoutStep.enum.confirmed, 'ok');
        recordEvent(em, Topics.orderConfirmed, OrderConfirmed.parse({ orderId, userId: order.userId, total: order.total, items: order.items }));
        return true;
      }),

    cancel: (orderId, reason) =>
      change(async (repo, em) => {
        if (!(await repo.transition(orderId, 'PENDING', 'CANCELLED', reason))) return false;
        const order = (await repo.findRecord(orderId))!;
        await repo.recordStep(orderId, CheckoutStep.enum.cancelled, 'failed', reason);
        recordEvent(em, Topics.orderCancelled, OrderCancelled.parse({ orderId, userId: order.userId, reason }));
        return true;
      }),

    recordStep: (orderId, step, outcome, detail) => orm.em.fork().transactional((em) => new OrderRepository(em).recordStep(orderId, step, outcome, detail)),

    get: (id) => read().get(id),
    list: (userId, page, pageSize) => read().listForUser(userId, page, pageSize),

    async pendingSince(before, limit) {
      const repo = read();
      const orders = await repo.pendingSince(before, limit);
      return Promise.all(orders.map(async (order) => ({ ...order, lines: await repo.lines(order.id) })));
    },
  };
}
