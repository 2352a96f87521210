import type Koa from 'koa';
import { DomainError } from '@shopmesh/platform';

/** Methods the public API serves; anything else (TRACE, PROPFIND, CONNECT, ...) is a 405. */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const ALLOW = ALLOWED_METHODS.join(', ');

const unsupportedMedia = (detail: string) => new DomainError(415, 'unsupported-media-type', detail);

/**
 * Refuses at the edge what no service would serve, before any budget or upstream call is spent: an
 * unknown method is a 405 naming the allowed ones; a body without a Content-Type, or declared in a
 * charset other than UTF-8, is a 415 (the services would otherwise read it as UTF-8 JSON anyway).
 */
export function requestHygiene(): Koa.Middleware {
  return async (ctx, next) => {
    if (!(ALLOWED_METHODS as readonly string[]).includes(ctx.method)) {
      throw new DomainError(405, 'method-not-allowed', `Method ${ctx.method} is not supported`, [], { allow: ALLOW });
    }
    const hasBody = Number(ctx.get('content-length') || 0) > 0 || Boolean(ctx.get('transfer-encoding'));
    const contentType = ctx.get('content-type');
    if (hasBody && !contentType) throw unsupportedMedia('A request body needs a Content-Type');
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
    if (hasBody && charset && !/^utf-?8$/i.test(charset)) throw unsupportedMedia(`Bodies must be UTF-8, not ${charset}`);
    await next();
  };
}

// Paths whose answers belong to one person even when no token is sent (a guest cart by its signed id).
const PERSONAL_PREFIXES = ['/api/v1/me', '/api/v1/cart', '/api/v1/orders', '/api/v1/notifications', '/api/v1/seller', '/api/v1/admin', '/api/v1/auth'];

/**
 * Marks every personal answer `Cache-Control: no-store` (a signed-in request, or a personal path),
 * so no browser or shared cache keeps a profile, cart or order.
 */
export function noStoreForPersonal(): Koa.Middleware {
  return async (ctx, next) => {
    await next();
    const path = ctx.path.toLowerCase();
    const personal = Boolean(ctx.get('authorization')) || PERSONAL_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
    if (personal && !ctx.path.endsWith('/auth/jwks')) ctx.set('cache-control', 'no-store');
  };
}
