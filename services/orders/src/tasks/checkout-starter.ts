import { periodicTask, type BackgroundTask, type Logger, type Workflows } from '@shopmesh/platform';
import type { OrderStore, PendingOrder } from '../db/order-store';
import { CHECKOUT_WORKFLOW, type CheckoutInput } from '../domain/checkout-workflow';

/** Saga timing from the service config. */
export interface SagaTiming {
  approvalTimeoutSeconds: number;
  reservationTtlSeconds: number;
}

/** How many PENDING orders one pass of the starter looks at. */
const STARTER_BATCH = 100;

/** Starts the checkout saga of an order; the order id is the instance id, so a repeat is a no-op. */
export function startCheckout(workflows: Workflows, timing: SagaTiming, order: PendingOrder): Promise<string> {
  const input: CheckoutInput = {
    orderId: order.id,
    userId: order.userId,
    items: order.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
    payment: order.payment,
    ...timing,
  };
  return workflows.schedule(CHECKOUT_WORKFLOW, input, order.id);
}

/**
 * Safety net for the gap between committing an order and scheduling its saga: a crash there would
 * leave it PENDING for ever, so PENDING orders older than `graceMs` get their saga scheduled again
 * (a no-op for those that have one).
 */
export function createCheckoutStarter(
  store: Pick<OrderStore, 'pendingSince'>,
  workflows: Workflows,
  timing: SagaTiming,
  logger: Logger,
  options: { intervalMs: number; graceMs: number },
): BackgroundTask {
  return periodicTask({
    name: 'checkout-starter',
    intervalMs: options.intervalMs,
    logger,
    run: async () => {
      for (const order of await store.pendingSince(new Date(Date.now() - options.graceMs), STARTER_BATCH)) {
        await startCheckout(workflows, timing, order);
      }
    },
  });
}
