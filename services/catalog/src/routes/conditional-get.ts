import { createHash } from 'node:crypto';
import type Koa from 'koa';

/** The public catalog reads: the same answer for every caller (seller and internal routes are not). */
const PUBLIC_READ = /^\/(products|categories|sellers)(\/|$)/;

/**
 * HTTP caching of public catalog reads: a weak ETag over the JSON body, `Cache-Control: public` with a
 * short max-age (lists carry stock counts that move with every order), and 304 Not Modified when the
 * caller's If-None-Match already names this version.
 */
export function conditionalGet(options: { maxAgeSeconds: number }): Koa.Middleware {
  return async (ctx, next) => {
    await next();
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.status !== 200 || !PUBLIC_READ.test(ctx.path)) return;
    if (ctx.body === null || ctx.body === undefined || typeof ctx.body.pipe === 'function') return;
    const payload = Buffer.isBuffer(ctx.body) ? ctx.body : Buffer.from(typeof ctx.body === 'string' ? ctx.body : JSON.stringify(ctx.body));
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url').slice(0, 27)}"`;
    ctx.set('etag', etag);
    // A route that knows its answer keeps longer (a drawn image) says so itself.
    if (!ctx.response.get('cache-control')) ctx.set('cache-control', `public, max-age=${options.maxAgeSeconds}`);
    if (ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
}
