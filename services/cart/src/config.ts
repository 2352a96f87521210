import { z } from 'zod';
import { env } from '@shopmesh/platform';

const THIRTY_DAYS = 30 * 24 * 60 * 60;

/** Cart settings, read from the environment at start-up. */
export const CartConfig = z.object({
  /** Seconds a cart lives after its last change. */
  CART_TTL_SECONDS: env.int(THIRTY_DAYS).pipe(z.number().min(60)),
  /** Currency of an empty cart's subtotal. */
  CART_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('USD'),
});
export type CartConfig = z.infer<typeof CartConfig>;
