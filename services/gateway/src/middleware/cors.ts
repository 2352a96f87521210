import type Koa from 'koa';
import { forbidden } from '@shopmesh/platform';
import { FORWARDED_REQUEST_HEADERS } from '../domain/forwarding';

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOW_HEADERS = [...FORWARDED_REQUEST_HEADERS, 'x-request-id', 'traceparent'].join(', ');
const EXPOSE_HEADERS = 'etag, location, retry-after, x-request-id, x-cart-id';

/** True when a browser page from `origin` may call the API. */
export const isAllowedOrigin = (origin: string, allowed: readonly string[]): boolean => allowed.includes('*') || allowed.includes(origin);

/**
 * CORS for the configured origins. Preflights are answered here (204, or 403 for an unknown origin);
 * other requests from allowed origins get the allow and expose headers. Bearer tokens, not cookies,
 * carry credentials, so credentials are never allowed.
 */
export function cors(allowedOrigins: readonly string[]): Koa.Middleware {
  return async (ctx, next) => {
    const origin = ctx.get('origin');
    ctx.vary('origin');
    const allowed = origin !== '' && isAllowedOrigin(origin, allowedOrigins);
    if (ctx.method === 'OPTIONS' && ctx.get('access-control-request-method')) {
      if (!allowed) throw forbidden(`Origin ${origin || '(none)'} may not call this API`);
      ctx.set({
        'access-control-allow-origin': origin,
        'access-control-allow-methods': ALLOW_METHODS,
        'access-control-allow-headers': ALLOW_HEADERS,
        'access-control-max-age': '600',
      });
      ctx.status = 204;
      return;
    }
    if (allowed) ctx.set({ 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSE_HEADERS });
    await next();
  };
}
