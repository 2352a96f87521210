import { z } from 'zod';

/** A NUL, or a UTF-16 surrogate without its pair: no text field may hold one (PostgreSQL refuses both). */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const illFormed = (value: string): boolean => value.includes('\u0000') || UNPAIRED_SURROGATE.test(value);

/**
 * The string schema of every contract field: a string without NUL characters or unpaired surrogates,
 * so such input is a 400 naming the field instead of a driver error (a 500) when it is stored.
 */
export const text = () => z.string().refine((value) => !illFormed(value), 'must not contain NUL characters or unpaired surrogates');

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
export const Money = z.object({ amount: z.number().int().min(0), currency: text().length(3) });
export type Money = z.infer<typeof Money>;

/** A postal address; `country` is ISO 3166-1 alpha-2. */
// A pattern rather than min(1) after trim, so the OpenAPI document says it too: no whitespace-only value.
const NOT_BLANK = /\S/;

export const Address = z.object({
  name: text().trim().regex(NOT_BLANK, 'must not be blank').max(200),
  line1: text().trim().regex(NOT_BLANK, 'must not be blank').max(200),
  line2: text().trim().max(200).optional(),
  city: text().trim().regex(NOT_BLANK, 'must not be blank').max(100),
  region: text().trim().max(100).optional(),
  postalCode: text().trim().regex(NOT_BLANK, 'must not be blank').max(20),
  country: text().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE'),
});
export type Address = z.infer<typeof Address>;

/** RFC 9457 problem details as every service answers errors. */
export const Problem = z.object({
  type: text(),
  title: text(),
  status: z.number().int(),
  detail: text(),
  instance: text().optional(),
  code: text(),
  errors: z.array(z.object({ field: text(), message: text() })).optional(),
});
export type Problem = z.infer<typeof Problem>;
