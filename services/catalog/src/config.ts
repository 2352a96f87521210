import { z } from 'zod';

/** Catalog settings, read from the environment at start-up (none yet; search modes will add some). */
export const CatalogConfig = z.object({});
export type CatalogConfig = z.infer<typeof CatalogConfig>;
