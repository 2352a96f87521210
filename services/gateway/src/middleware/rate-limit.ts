import type Koa from 'koa';
import { DomainError } from '@shopmesh/platform';
import { API_PREFIX } from '../domain/route-table';
import type { RateBudget, RateDecision } from '../domain/rate-limit';
import type { RateLimiter } from '../rate-limiter';

/** Requests per minute. */
export interface RateLimitSettings {
  ipPerMinute: number;
  userPerMinute: number;
  loginPerMinute: number;
}

const perMinute = (limit: number): RateBudget => ({ limit, windowMs: 60_000 });

function enforce(decision: RateDecision): void {
  if (!decision.allowed) {
    throw new DomainError(429, 'rate-limited', `Too many requests; retry in ${decision.retryAfterSeconds} s`, [], {
      'retry-after': String(decision.retryAfterSeconds),
    });
  }
}

const isLogin = (ctx: Koa.Context) => ctx.method === 'POST' && ctx.path === `${API_PREFIX}/auth/login`;

/** Per client IP, before the token is checked (so bad tokens spend budget too); logins have their own, tighter budget. */
export function ipRateLimit(limiter: RateLimiter, settings: RateLimitSettings): Koa.Middleware {
  return async (ctx, next) => {
    enforce(await limiter.hit('ip', ctx.ip, perMinute(settings.ipPerMinute)));
    if (isLogin(ctx)) enforce(await limiter.hit('login', ctx.ip, perMinute(settings.loginPerMinute)));
    await next();
  };
}

/** Per signed-in user, after the token is checked. */
export function userRateLimit(limiter: RateLimiter, settings: RateLimitSettings): Koa.Middleware {
  return async (ctx, next) => {
    const user = ctx.state.user;
    if (user) enforce(await limiter.hit('user', user.id, perMinute(settings.userPerMinute)));
    await next();
  };
}
