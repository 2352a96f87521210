import type Koa from 'koa';
import { assertUtf8, DomainError } from '@shopmesh/platform';

/**
 * Refuses at the edge what no service would take, before any budget or upstream call is spent: a body
 * without a Content-Type, or declared in a charset other than UTF-8, is a 415 (the services would
 * otherwise read it as UTF-8 JSON anyway). Unknown methods are the kit's 405, as at every service.
 */
export function requestHygiene(): Koa.Middleware {
  return async (ctx, next) => {
    const hasBody = Number(ctx.get('content-length') || 0) > 0 || Boolean(ctx.get('transfer-encoding'));
    const contentType = ctx.get('content-type');
    if (hasBody && !contentType) throw new DomainError(415, 'unsupported-media-type', 'A request body needs a Content-Type');
    if (hasBody) assertUtf8(contentType);
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
