import { z } from 'zod';
import { env } from '@shopmesh/platform';
import type { SagaTiming } from './tasks/checkout-starter';

/** How long an uncommitted reservation outlives the payment approval window. */
const RESERVATION_GRACE_SECONDS = 600;

/** The orders service's settings. */
export const OrdersConfig = z.object({
  PAYMENT_APPROVAL_TIMEOUT_SECONDS: env.int(300),
  CHECKOUT_STARTER_INTERVAL_MS: env.int(5000),
  /** A PENDING order this old without a saga gets one scheduled (the gap between commit and schedule). */
  CHECKOUT_STARTER_GRACE_MS: env.int(10_000),
});
export type OrdersConfig = z.infer<typeof OrdersConfig>;

/** The saga's timing from the config. */
export const sagaTiming = (config: OrdersConfig): SagaTiming => ({
  approvalTimeoutSeconds: config.PAYMENT_APPROVAL_TIMEOUT_SECONDS,
  reservationTtlSeconds: config.PAYMENT_APPROVAL_TIMEOUT_SECONDS + RESERVATION_GRACE_SECONDS,
});
