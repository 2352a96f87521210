import type Koa from 'koa';
import { DomainError } from '@shopmesh/platform';
import { credentialBudget, perMinute, type CredentialBudget } from '../domain/rate-limit';
import type { RateDecision, RateLimiter } from '../db/rate-limiter';

/** Requests per minute. */
export interface RateLimitSettings {
  ipPerMinute: number;
  userPerMinute: number;
  loginPerMinute: number;
  signupPerMinute: number;
}

function enforce(decision: RateDecision): void {
  if (!decision.allowed) {
    throw new DomainError(429, 'rate-limited', `Too many requests; retry in ${decision.retryAfterSeconds} s`, [], {
      'retry-after': String(decision.retryAfterSeconds),
    });
  }
}

const credentialLimit = (settings: RateLimitSettings, budget: CredentialBudget) =>
  perMinute(budget.scope === 'login' ? settings.loginPerMinute : settings.signupPerMinute);

/**
 * Per client IP, before the token is checked (so bad tokens spend budget too). Logins and sign-ups have
 * their own, tighter budgets, which fail closed: a limiter that is down must not open the door to
 * password guessing.
 */
export function ipRateLimit(limiter: RateLimiter, settings: RateLimitSettings): Koa.Middleware {
  return async (ctx, next) => {
    enforce(await limiter.hit('ip', ctx.ip, perMinute(settings.ipPerMinute), 'open'));
    const credential = credentialBudget(ctx.method, ctx.path);
    if (credential) enforce(await limiter.hit(credential.scope, ctx.ip, credentialLimit(settings, credential), 'closed'));
    await next();
  };
}

/** Per signed-in user, after the token is checked. */
export function userRateLimit(limiter: RateLimiter, settings: RateLimitSettings): Koa.Middleware {
  return async (ctx, next) => {
    const user = ctx.state.user;
    if (user) enforce(await limiter.hit('user', user.id, perMinute(settings.userPerMinute), 'open'));
    await next();
  };
}
