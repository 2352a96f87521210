import type Koa from 'koa';
import { DomainError } from '@shopmesh/platform';
import { API_PREFIX, normalizePath } from '../domain/route-table';

/**
 * With the shop's setting on, placing an order needs a confirmed e-mail address: the access token's
 * `email_verified` claim (a token issued before the confirmation is refreshed to carry it). A caller
 * without a token passes on to orders' own 401.
 */
export function verifiedCheckout(required: boolean): Koa.Middleware {
  return async (ctx, next) => {
    const user = ctx.state.user;
    if (
      required &&
      user &&
      ctx.method === 'POST' &&
      ctx.path.startsWith(API_PREFIX) &&
      normalizePath(ctx.path.slice(API_PREFIX.length)) === '/orders' &&
      !user.emailVerified
    ) {
      throw new DomainError(
        403,
        'email-unverified',
        'Confirm your e-mail address before checkout: open the link we mailed you (POST /me/verify-email sends a new one), then sign in again',
      );
    }
    await next();
  };
}
