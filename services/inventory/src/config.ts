import { z } from 'zod';

const int = (fallback: number, min: number) => z.coerce.number().int().min(min).default(fallback);

/** Inventory settings, read from the environment at start-up. */
export const InventoryConfig = z.object({
  INVENTORY_RESERVATION_TTL_SECONDS: int(900, 1),
  INVENTORY_SWEEP_INTERVAL_MS: int(5000, 10),
  INVENTORY_SWEEP_BATCH: int(100, 1),
  INVENTORY_LOW_STOCK_THRESHOLD: int(5, 0),
});
export type InventoryConfig = z.infer<typeof InventoryConfig>;
