import Router from '@koa/router';
import { notFound, type Invoker } from '@shopmesh/platform';
import { forwardedRequestHeaders, returnedResponseHeaders } from '../domain/forwarding';
import { API_PREFIX, publicLocation, resolveRoute } from '../domain/route-table';
import { readRawBody } from './read-body';

/** Forwards every public API request to the service that owns its path, by service invocation. */
export function proxyRouter(deps: { invoke: Invoker; bodyLimitBytes: number }): Router {
  const router = new Router();

  router.all(`${API_PREFIX}/{*rest}`, async (ctx) => {
    const target = resolveRoute(ctx.path.slice(API_PREFIX.length));
    if (!target) throw notFound(`Route ${ctx.method} ${ctx.path}`);
    // A GET or HEAD carries no body on to a service: HTTP gives it no meaning.
    const body = ctx.method === 'GET' || ctx.method === 'HEAD' ? undefined : await readRawBody(ctx, deps.bodyLimitBytes);
    const upstream = await deps.invoke.request(target.appId, {
      method: ctx.method,
      path: ctx.querystring ? `${target.path}?${ctx.querystring}` : target.path,
      headers: forwardedRequestHeaders(ctx.headers, ctx.state, ctx.ip),
      ...(body ? { body } : {}),
    });
    const headers = returnedResponseHeaders(upstream.headers);
    if (headers.location) headers.location = publicLocation(headers.location);
    ctx.status = upstream.status;
    ctx.set(headers);
    ctx.body = upstream.body;
  });

  return router;
}
