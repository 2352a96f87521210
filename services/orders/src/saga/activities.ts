import { CheckoutStep, type Payment } from '@shopmesh/contracts';
import { DomainError, implement, type ActivityImplementation } from '@shopmesh/platform';
import type { CartClient } from '../clients/cart';
import type { InventoryClient } from '../clients/inventory';
import type { PaymentsClient } from '../clients/payments';
import type { OrderStore } from '../db/order-store';
import {
  approvePayment,
  authorizePayment,
  cancelOrder,
  clearCart,
  commitStock,
  confirmOrder,
  recordStep,
  releaseCart,
  releaseStock,
  reserveStock,
  voidPayment,
  type PaymentOutcome,
  type StepResult,
} from '../domain/checkout-workflow';

/** How a decline reads on the timeline and the cancel reason. */
const DECLINE_REASONS: Record<string, string> = { card_declined: 'card declined', insufficient_funds: 'insufficient funds' };

/** What the saga's activities work with. */
export interface CheckoutActivityDeps {
  store: OrderStore;
  inventory: InventoryClient;
  payments: PaymentsClient;
  cart: CartClient;
}

/**
 * The saga's activities: each calls one service or changes the order, records its step on the
 * timeline, and is safe to run twice (the callee is idempotent per order id; status changes are
 * conditional), because the workflow engine reruns an activity whose result was not saved.
 */
export function checkoutActivities({ store, inventory, payments, cart }: CheckoutActivityDeps): ActivityImplementation[] {
  const recordPayment = async (orderId: string, payment: Payment): Promise<PaymentOutcome> => {
    if (payment.status === 'authorized') {
      await store.recordStep(orderId, CheckoutStep.enum['payment-authorized'], 'ok');
      return { status: 'authorized' };
    }
    if (payment.status === 'requires_action') {
      await store.recordStep(orderId, CheckoutStep.enum['payment-action-required'], 'waiting', 'approve the payment to complete the order');
      return { status: 'requires_action' };
    }
    const reason = DECLINE_REASONS[payment.reason ?? ''] ?? payment.reason ?? payment.status;
    await store.recordStep(orderId, CheckoutStep.enum['payment-declined'], 'failed', reason);
    return { status: 'declined', reason };
  };

  return [
    implement(reserveStock, async ({ orderId, items, ttlSeconds }): Promise<StepResult> => {
      try {
        await inventory.reserve({ orderId, items, ttlSeconds });
      } catch (err) {
        if (err instanceof DomainError && err.status === 409) {
          await store.recordStep(orderId, CheckoutStep.enum['stock-unavailable'], 'failed', err.message);
          return { ok: false, reason: err.message };
        }
        throw err;
      }
      await store.recordStep(orderId, CheckoutStep.enum['stock-reserved'], 'ok');
      return { ok: true };
    }),
    implement(authorizePayment, async ({ orderId, payment }) => recordPayment(orderId, await payments.authorize({ orderId, ...payment }))),
    implement(approvePayment, async ({ orderId }) => recordPayment(orderId, await payments.approve(orderId))),
    implement(voidPayment, async ({ orderId }) => {
      try {
        await payments.void(orderId);
      } catch (err) {
        // No payment was recorded (authorization never reached payments): nothing to void.
        if (err instanceof DomainError && err.status === 404) return;
        throw err;
      }
      await store.recordStep(orderId, CheckoutStep.enum['payment-voided'], 'info');
    }),
    implement(releaseStock, async ({ orderId }) => {
      await inventory.release(orderId);
      await store.recordStep(orderId, CheckoutStep.enum['stock-released'], 'info');
    }),
    implement(commitStock, async ({ orderId }) => {
      await inventory.commit(orderId);
      await store.recordStep(orderId, CheckoutStep.enum['stock-committed'], 'ok');
    }),
    implement(confirmOrder, async ({ orderId }) => {
      await store.confirm(orderId);
    }),
    implement(cancelOrder, async ({ orderId, reason }) => {
      await store.cancel(orderId, reason);
    }),
    implement(clearCart, async ({ orderId, userId }) => {
      await cart.completeClaim(userId, orderId);
      await store.recordStep(orderId, CheckoutStep.enum['cart-cleared'], 'info');
    }),
    implement(releaseCart, async ({ orderId, userId }) => {
      await cart.releaseClaim(userId, orderId);
    }),
    implement(recordStep, async ({ orderId, step, outcome, detail }) => store.recordStep(orderId, step, outcome, detail)),
  ];
}
