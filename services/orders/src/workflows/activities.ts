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
  refundPayment,
  releaseCart,
  releaseStock,
  reserveStock,
  returnStock,
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
      await store.awaitApproval(orderId, `/api/v1/orders/${orderId}/payment/approve`);
      return { status: 'requires_action' };
    }
    const reason = DECLINE_REASONS[payment.reason ?? ''] ?? payment.reason ?? payment.status;
    await store.recordStep(orderId, CheckoutStep.enum['payment-declined'], 'failed', reason);
    return { status: 'declined', reason };
  };

  return [
    implement(reserveStock, async ({ orderId, items, ttlSeconds }): Promise<StepResult> => {
      const unavailable = async (reason: string): Promise<StepResult> => {
        await store.recordStep(orderId, CheckoutStep.enum['stock-unavailable'], 'failed', reason);
        return { ok: false, reason };
      };
      try {
        // Placing the order held the stock already; this finds that hold (same order id), or makes it
        // for an order placed before placement held stock.
        const reservation = await inventory.reserve({ orderId, items, ttlSeconds });
        if (reservation.status !== 'reserved') return await unavailable(`the stock held for this order was ${reservation.status} before the saga ran`);
      } catch (err) {
        if (err instanceof DomainError && err.status === 409) return await unavailable(err.message);
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
      try {
        await inventory.commit(orderId);
      } catch (err) {
        // The shopper cancelled the confirmed order and its refund put the stock back first: nothing to sell.
        if (err instanceof DomainError && err.code === 'reservation-released') return;
        throw err;
      }
      await store.recordStep(orderId, CheckoutStep.enum['stock-committed'], 'ok');
    }),
    implement(confirmOrder, async ({ orderId }) => ({ confirmed: (await store.confirm(orderId)) !== 'cancel-requested' })),
    implement(cancelOrder, async ({ orderId, reason, code }) => {
      await store.cancel(orderId, reason, code);
    }),
    implement(refundPayment, async ({ orderId }) => {
      await payments.refund(orderId);
      await store.recordStep(orderId, CheckoutStep.enum['payment-refunded'], 'info');
    }),
    implement(returnStock, async ({ orderId }) => {
      await inventory.restock(orderId);
      await store.recordStep(orderId, CheckoutStep.enum['stock-returned'], 'info');
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
