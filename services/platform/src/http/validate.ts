import type Koa from 'koa';
import type { z } from 'zod';
import { DomainError } from '../errors';
import { zodProblems } from './problem';

type Part = 'body' | 'query' | 'params' | 'headers';

function parsePart<S extends z.ZodType>(schema: S, value: unknown, where: Part): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = zodProblems(result.error, where);
  throw new DomainError(400, 'validation-failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

/** Parses the JSON body; a 400 names each invalid field as `body.<path>`. */
export const parseBody = <S extends z.ZodType>(ctx: Koa.Context, schema: S): z.infer<S> => parsePart(schema, ctx.request.body, 'body');
/** Parses the query string (use z.coerce for numbers); fields are named `query.<name>`. */
export const parseQuery = <S extends z.ZodType>(ctx: Koa.Context, schema: S): z.infer<S> => parsePart(schema, ctx.query, 'query');
/** Parses the route params (strings: coerce them); fields are named `params.<name>`. */
export const parseParams = <S extends z.ZodType>(ctx: Koa.Context, schema: S): z.infer<S> => parsePart(schema, ctx.params, 'params');
/** Parses request headers (lower-case names); fields are named `headers.<name>`. */
export const parseHeaders = <S extends z.ZodType>(ctx: Koa.Context, schema: S): z.infer<S> => parsePart(schema, ctx.headers, 'headers');
