import type Koa from 'koa';

// The CSP also suits the storefront build the gateway may serve: same-origin scripts and calls only.
const HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
};

/** Sets the security headers on every answer, errors included. */
export function securityHeaders(): Koa.Middleware {
  return async (ctx, next) => {
    ctx.set(HEADERS);
    await next();
  };
}
