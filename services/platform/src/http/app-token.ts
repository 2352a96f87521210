import { createHash, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import { unauthorized } from '../errors';

/** The header Dapr puts the app token in (`APP_API_TOKEN`) on every call it makes to the app. */
export const APP_TOKEN_HEADER = 'dapr-api-token';

const INTERNAL_PREFIXES = ['/internal/', '/events/', '/dapr/'];

/**
 * Paths only the runtime and other services may call: internal routes, event deliveries, Dapr's
 * callbacks. Matched as the router matches them (case-insensitive, percent-decoded), so no spelling of
 * a path reaches an internal route without the token.
 */
export function isInternalPath(path: string): boolean {
  let canonical = path.toLowerCase();
  try {
    canonical = decodeURIComponent(canonical);
  } catch {
    // A malformed escape reaches no route; the raw spelling is checked as it is.
  }
  return INTERNAL_PREFIXES.some((prefix) => canonical.startsWith(prefix));
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Refuses a call to an internal path without the app token with a 401, before any route runs. The token
 * is read per request from `token()`, so the host sets it after the app is built (as Koa's `app.keys`);
 * with none set every internal call is refused.
 */
export function requireAppToken(token: () => string | undefined): Koa.Middleware {
  return async (ctx, next) => {
    if (isInternalPath(ctx.path)) {
      const expected = token();
      const given = ctx.get(APP_TOKEN_HEADER);
      // Digests have equal length, so the comparison takes the same time whatever was sent.
      if (!expected || !given || !timingSafeEqual(digest(given), digest(expected))) throw unauthorized('This endpoint needs the app token');
    }
    await next();
  };
}
