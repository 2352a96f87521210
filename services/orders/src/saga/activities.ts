import type { MikroORM } from '@mikro-orm/postgresql';
import { OrderConfirmed, OrderCancelled, Payment, Reservation, Topics } from '@shopmesh/contracts';
import { DomainError, recordEvent, retryTransient, type ActivityFn, type Logger, type OutboxRelay, type Runtime } from '@shopmesh/platform';
import { z } from 'zod';
import { OrderRepository } from '../db/order-repository';
import type { CheckoutInput, PaymentOutcome, StepResult } from '../domain/checkout-workflow';

interface Deps {
  orm: MikroORM;
  runtime: Runtime;
  relay: OutboxRelay;
  logger: Logger;
}

type OrderRef = { orderId: string };

/**
 * The saga's activities: each calls one service or changes the order, records its step on the
 * timeline, and is safe to run twice (the callee is idempotent per order id; status changes are
 * conditional), because the workflow engine reruns an activity whose result was not saved.
 */
export function createCheckoutActivities({ orm, runtime, relay, logger }: Deps): Record<string, ActivityFn<any, any>> {
  const inTx = <T>(fn: (repo: OrderRepository, em: Parameters<Parameters<typeof orm.em.transactional>[0]>[0]) => Promise<T>) =>
    orm.em.fork().transactional((em) => fn(new OrderRepository(em), em));
  const step = (orderId: string, name: string, outcome: 'ok' | 'failed' | 'waiting' | 'info', detail?: string) =>
    inTx((repo) => repo.recordStep(orderId, name, outcome, detail));
  const call = <T>(appId: Parameters<Runtime['invoke']['json']>[0], path: string, schema: z.ZodType<T>, body?: unknown) =>
    retryTransient(() => runtime.invoke.json(appId, { method: 'POST', path, ...(body !== undefined ? { body } : {}) }, schema));

  const reserveStock: ActivityFn<{ orderId: string; items: { productId: string; quantity: number }[]; ttlSeconds: number }, StepResult> = async (input) => {
    try {
      await call('inventory', '/internal/reservations', Reservation, input);
    } catch (err) {
      if (err instanceof DomainError && err.status === 409) {
        await step(input.orderId, 'stock-unavailable', 'failed', err.message);
        return { ok: false, reason: `out of stock: ${err.message}` };
      }
      throw err;
    }
    await step(input.orderId, 'stock-reserved', 'ok');
    return { ok: true };
  };

  const authorizePayment: ActivityFn<OrderRef & { payment: CheckoutInput['payment'] }, PaymentOutcome> = async ({ orderId, payment: charge }) => {
    const payment = await call('payments', '/internal/payments/authorize', Payment, { orderId, ...charge });
    return recordPayment(orderId, payment);
  };

  const approvePayment: ActivityFn<OrderRef, PaymentOutcome> = async ({ orderId }) => {
    const payment = await call('payments', `/internal/payments/${orderId}/approve`, Payment);
    return recordPayment(orderId, payment);
  };

  const recordPayment = async (orderId: string, payment: Payment): Promise<PaymentOutcome> => {
    if (payment.status === 'authorized') {
      await step(orderId, 'payment-authorized', 'ok');
      return { status: 'authorized' };
    }
    if (payment.status === 'requires_action') {
      await step(orderId, 'payment-action-required', 'waiting', 'approve the payment to complete the order');
      return { status: 'requires_action' };
    }
    const reason = payment.reason ?? payment.status;
    await step(orderId, 'payment-declined', 'failed', reason);
    return { status: 'declined', reason };
  };

  const voidPayment: ActivityFn<OrderRef, void> = async ({ orderId }) => {
    await call('payments', `/internal/payments/${orderId}/void`, Payment);
    await step(orderId, 'payment-voided', 'info');
  };

  const releaseStock: ActivityFn<OrderRef, void> = async ({ orderId }) => {
    await call('inventory', `/internal/reservations/${orderId}/release`, Reservation);
    await step(orderId, 'stock-released', 'info');
  };

  const commitStock: ActivityFn<OrderRef, void> = async ({ orderId }) => {
    await call('inventory', `/internal/reservations/${orderId}/commit`, Reservation);
    await step(orderId, 'stock-committed', 'ok');
  };

  const confirmOrder: ActivityFn<OrderRef, void> = async ({ orderId }) => {
    await inTx(async (repo, em) => {
      if (!(await repo.transition(orderId, 'PENDING', 'CONFIRMED'))) return;
      const order = await repo.get(orderId);
      await repo.recordStep(orderId, 'confirmed', 'ok');
      recordEvent(em, Topics.orderConfirmed, OrderConfirmed.parse({ orderId, userId: order!.userId, total: order!.total, items: order!.items }));
    });
    relay.nudge();
  };

  const cancelOrder: ActivityFn<OrderRef & { reason: string }, void> = async ({ orderId, reason }) => {
    await inTx(async (repo, em) => {
      if (!(await repo.transition(orderId, 'PENDING', 'CANCELLED', reason))) return;
      const order = await repo.findRecord(orderId);
      await repo.recordStep(orderId, 'cancelled', 'failed', reason);
      recordEvent(em, Topics.orderCancelled, OrderCancelled.parse({ orderId, userId: order!.userId, reason }));
    });
    relay.nudge();
  };

  const clearCart: ActivityFn<OrderRef & { userId: string }, void> = async ({ orderId, userId }) => {
    await call('cart', `/internal/carts/${userId}/clear`, z.unknown());
    await step(orderId, 'cart-cleared', 'info');
  };

  const recordStep: ActivityFn<{ orderId: string; step: string; outcome: 'ok' | 'failed' | 'waiting' | 'info'; detail?: string }, void> = async (input) => {
    logger.info({ orderId: input.orderId, step: input.step }, 'checkout step');
    await step(input.orderId, input.step, input.outcome, input.detail);
  };

  return { reserveStock, authorizePayment, approvePayment, voidPayment, releaseStock, commitStock, confirmOrder, cancelOrder, clearCart, recordStep };
}
