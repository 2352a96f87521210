import { z } from 'zod';

/** A UUID path or body id. */
export const Id = z.uuid();

/** Page query of every list: `page` >= 1, `pageSize` 1..100; out of range is a 400, never clamped. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** A page of results. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().min(0), page: z.number().int(), pageSize: z.number().int() });

/** Money in minor units (cents) with an ISO 4217 currency; floats never hold prices. */
export const Money = z.object({ amount: z.number().int().min(0), currency: z.string().length(3) });
export type Money = z.infer<typeof Money>;

/** A postal address; `country` is ISO 3166-1 alpha-2. */
export const Address = z.object({
  name: z.string().trim().min(1).max(200),
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).optional(),
  city: z.string().trim().min(1).max(100),
  region: z.string().trim().max(100).optional(),
  postalCode: z.string().trim().min(1).max(20),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE'),
});
export type Address = z.infer<typeof Address>;

/** RFC 9457 problem details as every service answers errors. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  code: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;
