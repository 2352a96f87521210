import { z } from 'zod';

/** Payments settings, read from the environment at start-up: none yet (the processor is simulated). */
export const PaymentsConfig = z.object({});
export type PaymentsConfig = z.infer<typeof PaymentsConfig>;
