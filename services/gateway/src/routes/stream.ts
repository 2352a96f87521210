import Router from '@koa/router';
import { forwardedRequestHeaders, returnedResponseHeaders } from '../domain/forwarding';
import { API_PREFIX } from '../domain/route-table';
import type { OpenStream } from '../stream';

/** Public path of the notification stream. */
export const NOTIFICATION_STREAM_PATH = `${API_PREFIX}/notifications/stream`;

/** Passes the notification event stream through chunk by chunk, never buffering it. */
export function streamRouter(deps: { openStream: OpenStream }): Router {
  const router = new Router();

  router.get(NOTIFICATION_STREAM_PATH, async (ctx) => {
    const path = `/notifications/stream${ctx.querystring ? `?${ctx.querystring}` : ''}`;
    const upstream = await deps.openStream('notifications', path, forwardedRequestHeaders(ctx.headers, ctx.state, ctx.ip));
    ctx.status = upstream.status;
    ctx.set({ ...returnedResponseHeaders(upstream.headers), 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
    // Idle streams must not be cut by socket timeouts; Koa destroys the upstream body when the client leaves.
    ctx.req.socket.setTimeout(0);
    ctx.body = upstream.body;
    ctx.flushHeaders();
  });

  return router;
}
