import type { WorkflowContext } from '@shopmesh/platform';

/** Name under which the checkout saga is registered. */
export const CHECKOUT_WORKFLOW = 'checkout';
/** External event the saga waits for when a card needs the shopper's approval. */
export const PAYMENT_APPROVED_EVENT = 'payment-approved';

/** What the saga is started with; everything else it reads through activities. */
export interface CheckoutInput {
  orderId: string;
  userId: string;
  items: { productId: string; quantity: number }[];
  /** What to charge, and payments' token for the card (the card number never enters the saga). */
  payment: { amount: { amount: number; currency: string }; paymentMethod: string };
  approvalTimeoutSeconds: number;
  reservationTtlSeconds: number;
}

/** Outcome of an activity that may be refused for a business reason (not a crash). */
export type StepResult = { ok: true } | { ok: false; reason: string };
/** What payments answered. */
export type PaymentOutcome = { status: 'authorized' } | { status: 'requires_action' } | { status: 'declined'; reason: string };

/** How the saga ended. */
export type CheckoutResult = { status: 'CONFIRMED' } | { status: 'CANCELLED'; reason: string };

const STOCK_COMMIT_RETRIES = 10;

/**
 * The checkout saga: reserve stock -> authorize payment (waiting for the shopper's approval when the
 * card asks for it, up to a timeout) -> confirm the order -> commit stock -> clear the cart. A failure
 * before confirmation runs the compensations in reverse (void payment, release stock) and cancels the
 * order with the reason. Deterministic: all I/O is in activities, time comes from the context.
 */
export async function* checkoutWorkflow(ctx: WorkflowContext, input: CheckoutInput): AsyncGenerator<any, CheckoutResult, any> {
  const { orderId } = input;
  const cancel = async function* (reason: string, compensations: ('voidPayment' | 'releaseStock')[]): AsyncGenerator<any, CheckoutResult, any> {
    for (const compensation of compensations) {
      try {
        yield ctx.callActivity(compensation, { orderId });
      } catch (err) {
        // A compensation that still fails after its retries must not keep the order open: the
        // reservation expires on its own and a payment authorization lapses; the timeline says so.
        yield ctx.callActivity('recordStep', { orderId, step: `${compensation}-failed`, outcome: 'failed', detail: message(err) });
      }
    }
    yield ctx.callActivity('cancelOrder', { orderId, reason });
    return { status: 'CANCELLED', reason };
  };

  let reserved: StepResult;
  try {
    reserved = yield ctx.callActivity('reserveStock', { orderId, items: input.items, ttlSeconds: input.reservationTtlSeconds });
  } catch (err) {
    return yield* cancel(`stock could not be reserved: ${message(err)}`, ['releaseStock']);
  }
  if (!reserved.ok) return yield* cancel(reserved.reason, []);

  let payment: PaymentOutcome;
  try {
    payment = yield ctx.callActivity('authorizePayment', { orderId, payment: input.payment });
    if (payment.status === 'requires_action') {
      const approval = ctx.waitForExternalEvent(PAYMENT_APPROVED_EVENT);
      const deadline = ctx.createTimer(new Date(ctx.getCurrentUtcDateTime().getTime() + input.approvalTimeoutSeconds * 1000));
      const winner: unknown = yield ctx.whenAny([approval, deadline]);
      if (winner !== approval) {
        yield ctx.callActivity('recordStep', { orderId, step: 'payment-approval-timed-out', outcome: 'failed' });
        return yield* cancel('payment approval timed out', ['voidPayment', 'releaseStock']);
      }
      payment = yield ctx.callActivity('approvePayment', { orderId });
    }
  } catch (err) {
    return yield* cancel(`payment failed: ${message(err)}`, ['voidPayment', 'releaseStock']);
  }
  if (payment.status !== 'authorized') {
    return yield* cancel(payment.status === 'declined' ? `payment declined: ${payment.reason}` : 'payment not authorized', ['voidPayment', 'releaseStock']);
  }

  try {
    yield ctx.callActivity('confirmOrder', { orderId });
  } catch (err) {
    return yield* cancel(`order could not be confirmed: ${message(err)}`, ['voidPayment', 'releaseStock']);
  }

  // The order is sold from here on: stock must be committed, so a failing commit is retried on a
  // durable timer instead of being compensated.
  for (let attempt = 1; ; attempt++) {
    try {
      yield ctx.callActivity('commitStock', { orderId });
      break;
    } catch (err) {
      if (attempt >= STOCK_COMMIT_RETRIES) {
        yield ctx.callActivity('recordStep', { orderId, step: 'stock-commit-failed', outcome: 'failed', detail: message(err) });
        break;
      }
      yield ctx.createTimer(new Date(ctx.getCurrentUtcDateTime().getTime() + attempt * 2000));
    }
  }
  try {
    yield ctx.callActivity('clearCart', { orderId, userId: input.userId });
  } catch (err) {
    yield ctx.callActivity('recordStep', { orderId, step: 'cart-not-cleared', outcome: 'info', detail: message(err) });
  }
  return { status: 'CONFIRMED' };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
