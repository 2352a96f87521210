import { z } from 'zod';

/** Catalog settings, read from the environment at start-up. */
export const CatalogConfig = z.object({
  /** How long a product page or the category list stays in the cache-aside (product changes drop it sooner). */
  CATALOG_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).default(60),
});
export type CatalogConfig = z.infer<typeof CatalogConfig>;
