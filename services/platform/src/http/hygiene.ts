import type Koa from 'koa';
import { DomainError } from '../errors';

/** The methods every ShopMesh app serves; anything else (TRACE, PROPFIND, CONNECT, ...) is a 405. */
export const SUPPORTED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const ALLOW = SUPPORTED_METHODS.join(', ');

/**
 * Answers a method no app serves with a 405 naming the ones it does (the router alone would answer
 * 501 for a method it does not know, or 404), before any other work is spent on the request.
 */
export function supportedMethodsOnly(): Koa.Middleware {
  return async (ctx, next) => {
    if (!(SUPPORTED_METHODS as readonly string[]).includes(ctx.method)) {
      throw new DomainError(405, 'method-not-allowed', `Method ${ctx.method} is not supported`, [], { allow: ALLOW });
    }
    await next();
  };
}

/** The charset a Content-Type declares, if any (`application/json; charset=utf-16` -> `utf-16`). */
export function declaredCharset(contentType: string): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
}

/** A 415 for a body in a charset other than UTF-8: JSON is read as UTF-8, so anything else would be misread. */
export function assertUtf8(contentType: string): void {
  const charset = declaredCharset(contentType);
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new DomainError(415, 'unsupported-media-type', `Bodies must be UTF-8, not ${charset}`);
  }
}

// A request id is echoed to clients, forwarded to every service and written into every log line, so
// only a short token of safe characters is adopted; anything else is replaced by a fresh id.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's request id when it is a short token of safe characters, else undefined. */
export function acceptableRequestId(value: string | undefined): string | undefined {
  return value !== undefined && SAFE_REQUEST_ID.test(value) ? value : undefined;
}
