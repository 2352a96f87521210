import type Koa from 'koa';
import getRawBody from 'raw-body';
import { DomainError } from '../errors';
import { assertUtf8 } from './hygiene';

declare module 'koa' {
  interface Request {
    body?: unknown;
    rawBody?: Buffer;
  }
}

/**
 * Reads JSON bodies up to `limit` bytes (413 above it) and rejects malformed JSON with a 400. Other
 * content types with a body, and charsets other than UTF-8, are refused with 415; the gateway, which forwards raw bodies, turns this
 * parser off.
 */
export function jsonBody(limit: string | number): Koa.Middleware {
  return async (ctx, next) => {
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) || (!ctx.request.length && !ctx.get('transfer-encoding'))) {
      return next();
    }
    const raw = await getRawBody(ctx.req, { limit, length: ctx.request.length });
    ctx.request.rawBody = raw;
    if (raw.length === 0) return next();
    if (!ctx.is('application/json', 'application/*+json')) {
      throw new DomainError(415, 'unsupported-media-type', 'Request bodies must be application/json');
    }
    assertUtf8(ctx.get('content-type'));
    try {
      ctx.request.body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new DomainError(400, 'malformed-json', 'Request body is not valid JSON', [{ field: 'body', message: 'not valid JSON' }]);
    }
    return next();
  };
}
