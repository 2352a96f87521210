import type Koa from 'koa';

/**
 * Browsers' EventSource cannot send headers, so the stream route also takes the access token as
 * `?access_token=`. It is moved into the Authorization header (and out of the query, so it does not
 * travel further or land in logs) before the edge check.
 */
export function queryTokenFor(path: string): Koa.Middleware {
  return async (ctx, next) => {
    const token = ctx.query.access_token;
    if (ctx.path === path && typeof token === 'string' && token && !ctx.get('authorization')) {
      ctx.request.headers.authorization = `Bearer ${token}`;
      const query = { ...ctx.query };
      delete query.access_token;
      ctx.query = query;
    }
    await next();
  };
}
