import { CancelReason, CheckoutStep, type Money, type StepOutcome } from '@shopmesh/contracts';
import { activity, type WorkflowContext, type WorkflowTask } from '@shopmesh/platform';

/** Name under which the checkout saga is registered. */
export const CHECKOUT_WORKFLOW = 'checkout';
/** External event the saga waits for when a card needs the shopper's approval. */
export const PAYMENT_APPROVED_EVENT = 'payment-approved';
/** External event a shopper's cancel of a PENDING order raises; the saga cancels at its next step. */
export const CANCEL_REQUESTED_EVENT = 'cancel-requested';
/** Name under which the refund of a cancelled, confirmed order is registered. */
export const ORDER_REFUND_WORKFLOW = 'order-refund';
/** The refund workflow's instance id for an order: one refund per order, however often it is asked for. */
export const refundInstanceId = (orderId: string): string => `refund-${orderId}`;
/** How often a failing stock commit is retried (on a durable timer) before the saga records it and ends. */
const STOCK_COMMIT_RETRIES = 10;
/** Seconds between stock commit retries grow by this much per attempt. */
const STOCK_COMMIT_BACKOFF_SECONDS = 2;

/** What the saga is started with; everything else it reads through activities. */
export interface CheckoutInput {
  orderId: string;
  userId: string;
  items: { productId: string; quantity: number }[];
  /** What to charge, and payments' token for the card (the card number never enters the saga). */
  payment: { amount: Money; paymentMethod: string };
  approvalTimeoutSeconds: number;
  reservationTtlSeconds: number;
}

/** Outcome of an activity that may be refused for a business reason (not a crash). */
export type StepResult = { ok: true } | { ok: false; reason: string };
/** What payments answered. */
export type PaymentOutcome = { status: 'authorized' } | { status: 'requires_action' } | { status: 'declined'; reason: string };
/** How the saga ended. */
export type CheckoutResult = { status: 'CONFIRMED' } | { status: 'CANCELLED'; reason: CancelReason; detail?: string };

type OrderRef = { orderId: string };

// The saga's activities, called by reference so the compiler checks each call's name and types.
export const reserveStock = activity<OrderRef & { items: CheckoutInput['items']; ttlSeconds: number }, StepResult>('reserveStock');
export const authorizePayment = activity<OrderRef & { payment: CheckoutInput['payment'] }, PaymentOutcome>('authorizePayment');
export const approvePayment = activity<OrderRef, PaymentOutcome>('approvePayment');
export const voidPayment = activity<OrderRef, void>('voidPayment');
export const releaseStock = activity<OrderRef, void>('releaseStock');
/** `confirmed: false` when the shopper asked to cancel first: the saga cancels instead. */
export const confirmOrder = activity<OrderRef, { confirmed: boolean }>('confirmOrder');
export const commitStock = activity<OrderRef, void>('commitStock');
export const clearCart = activity<OrderRef & { userId: string }, void>('clearCart');
export const releaseCart = activity<OrderRef & { userId: string }, void>('releaseCart');
export const cancelOrder = activity<OrderRef & { reason: string; code?: CancelReason }, void>('cancelOrder');
export const refundPayment = activity<OrderRef, void>('refundPayment');
export const returnStock = activity<OrderRef, void>('returnStock');
export const recordStep = activity<OrderRef & { step: CheckoutStep; outcome: StepOutcome; detail?: string }, void>('recordStep');

/** The compensations, in the order they run, with the step recorded when one fails for good. */
const COMPENSATIONS = {
  voidPayment: { run: voidPayment, failed: CheckoutStep.enum['payment-void-failed'] },
  releaseStock: { run: releaseStock, failed: CheckoutStep.enum['stock-release-failed'] },
  releaseCart: { run: releaseCart, failed: CheckoutStep.enum['cart-not-released'] },
} as const;
type Compensation = keyof typeof COMPENSATIONS;

/** How a cancel reason reads on the order (`cancelReason`), with the detail that explains it. */
const REASON_TEXT: Record<CancelReason, string> = {
  'out-of-stock': 'out of stock',
  'stock-not-reserved': 'stock could not be reserved',
  'payment-declined': 'payment declined',
  'payment-not-authorized': 'payment not authorized',
  'payment-failed': 'payment failed',
  'payment-approval-timed-out': 'payment approval timed out',
  'confirmation-failed': 'order could not be confirmed',
  'cancelled-by-shopper': 'cancelled by the shopper',
};

/** The text an order is cancelled with: the reason, then its detail. */
export const describeCancel = (reason: CancelReason, detail?: string): string => (detail ? `${REASON_TEXT[reason]}: ${detail}` : REASON_TEXT[reason]);

/**
 * The checkout saga: reserve stock -> authorize payment (waiting for the shopper's approval when the
 * card asks for it, up to a timeout) -> confirm the order -> commit stock -> take the ordered lines out
 * of the cart. A failure before confirmation runs the compensations of the steps that happened in
 * reverse (void payment, release stock, give the cart lines back) and cancels the order with the reason. Deterministic: all I/O is in activities, time comes from the context.
 */
export async function* checkoutWorkflow(ctx: WorkflowContext, input: CheckoutInput): AsyncGenerator<WorkflowTask<unknown>, CheckoutResult, any> {
  const { orderId } = input;
  const cancel = async function* (
    reason: CancelReason,
    detail: string | undefined,
    compensations: Compensation[],
  ): AsyncGenerator<WorkflowTask<unknown>, CheckoutResult, any> {
    for (const name of compensations) {
      try {
        yield ctx.callActivity(COMPENSATIONS[name].run, { orderId, userId: input.userId });
      } catch (err) {
        // A compensation that still fails after its retries must not keep the order open: the
        // reservation expires on its own and a payment authorization lapses; the timeline says so.
        yield ctx.callActivity(recordStep, { orderId, step: COMPENSATIONS[name].failed, outcome: 'failed', detail: message(err) });
      }
    }
    yield ctx.callActivity(cancelOrder, { orderId, reason: describeCancel(reason, detail), code: reason });
    return { status: 'CANCELLED', reason, ...(detail ? { detail } : {}) };
  };
  // Raised by the cancel route while the order is PENDING; checked between steps (a raised event
  // completes this task whenever it arrives) and raced against the approval wait.
  const cancelRequest = ctx.waitForExternalEvent(CANCEL_REQUESTED_EVENT);
  const byShopper = (compensations: Compensation[]) => cancel('cancelled-by-shopper', undefined, compensations);

  let reserved: StepResult;
  try {
    reserved = yield ctx.callActivity(reserveStock, { orderId, items: input.items, ttlSeconds: input.reservationTtlSeconds });
  } catch (err) {
    return yield* cancel('stock-not-reserved', message(err), ['releaseStock', 'releaseCart']);
  }
  if (!reserved.ok) return yield* cancel('out-of-stock', reserved.reason, ['releaseCart']);
  if (cancelRequest.isComplete) return yield* byShopper(['releaseStock', 'releaseCart']);

  let payment: PaymentOutcome;
  try {
    payment = yield ctx.callActivity(authorizePayment, { orderId, payment: input.payment });
    if (payment.status === 'requires_action') {
      const approval = ctx.waitForExternalEvent(PAYMENT_APPROVED_EVENT);
      const deadline = ctx.createTimer(new Date(ctx.getCurrentUtcDateTime().getTime() + input.approvalTimeoutSeconds * 1000));
      const winner: unknown = yield ctx.whenAny([approval, deadline, cancelRequest]);
      if (winner === cancelRequest) return yield* byShopper(['voidPayment', 'releaseStock', 'releaseCart']);
      if (winner !== approval) {
        yield ctx.callActivity(recordStep, { orderId, step: CheckoutStep.enum['payment-approval-timed-out'], outcome: 'failed' });
        return yield* cancel('payment-approval-timed-out', undefined, ['voidPayment', 'releaseStock', 'releaseCart']);
      }
      payment = yield ctx.callActivity(approvePayment, { orderId });
    }
  } catch (err) {
    // Whether payments recorded anything is unknown here; voiding a payment that does not exist is a no-op.
    return yield* cancel('payment-failed', message(err), ['voidPayment', 'releaseStock', 'releaseCart']);
  }
  if (payment.status !== 'authorized') {
    // A declined authorization holds no money: there is nothing to void.
    return payment.status === 'declined'
      ? yield* cancel('payment-declined', payment.reason, ['releaseStock', 'releaseCart'])
      : yield* cancel('payment-not-authorized', undefined, ['voidPayment', 'releaseStock', 'releaseCart']);
  }

  if (cancelRequest.isComplete) return yield* byShopper(['voidPayment', 'releaseStock', 'releaseCart']);

  let confirmation: { confirmed: boolean };
  try {
    confirmation = yield ctx.callActivity(confirmOrder, { orderId });
  } catch (err) {
    return yield* cancel('confirmation-failed', message(err), ['voidPayment', 'releaseStock', 'releaseCart']);
  }
  // The shopper's cancel reached the order row before confirmation did (its event may still be on its way).
  if (!confirmation.confirmed) return yield* byShopper(['voidPayment', 'releaseStock', 'releaseCart']);

  // The order is sold from here on: stock must be committed, so a failing commit is retried on a
  // durable timer instead of being compensated.
  for (let attempt = 1; ; attempt++) {
    try {
      yield ctx.callActivity(commitStock, { orderId });
      break;
    } catch (err) {
      if (attempt >= STOCK_COMMIT_RETRIES) {
        yield ctx.callActivity(recordStep, { orderId, step: CheckoutStep.enum['stock-commit-failed'], outcome: 'failed', detail: message(err) });
        break;
      }
      yield ctx.createTimer(new Date(ctx.getCurrentUtcDateTime().getTime() + attempt * STOCK_COMMIT_BACKOFF_SECONDS * 1000));
    }
  }
  try {
    yield ctx.callActivity(clearCart, { orderId, userId: input.userId });
  } catch (err) {
    yield ctx.callActivity(recordStep, { orderId, step: CheckoutStep.enum['cart-not-cleared'], outcome: 'info', detail: message(err) });
  }
  return { status: 'CONFIRMED' };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What the refund workflow is started with. */
export interface RefundInput {
  orderId: string;
}

/** The compensations of a shopper's cancel after confirmation, with the step recorded when one fails for good. */
const REFUND_STEPS = [
  { run: refundPayment, failed: CheckoutStep.enum['payment-refund-failed'] },
  { run: returnStock, failed: CheckoutStep.enum['stock-return-failed'] },
] as const;

/**
 * Runs after a confirmed order was cancelled by its shopper (the cancel itself is one transaction in
 * the route): refund the payment, then put the stock back, reserved or already committed. Both calls
 * are idempotent per order id, so the workflow may be scheduled again for the same order.
 */
export async function* orderRefundWorkflow(
  ctx: WorkflowContext,
  input: RefundInput,
): AsyncGenerator<WorkflowTask<unknown>, { status: 'REFUNDED' | 'INCOMPLETE' }, any> {
  let complete = true;
  for (const step of REFUND_STEPS) {
    try {
      yield ctx.callActivity(step.run, { orderId: input.orderId });
    } catch (err) {
      complete = false;
      yield ctx.callActivity(recordStep, { orderId: input.orderId, step: step.failed, outcome: 'failed', detail: message(err) });
    }
  }
  return { status: complete ? 'REFUNDED' : 'INCOMPLETE' };
}
