import Router from '@koa/router';
import { forwardedRequestHeaders, returnedResponseHeaders } from '../domain/forwarding';
import { API_PREFIX } from '../domain/route-table';
import { StreamSlots } from '../domain/stream-slots';
import type { OpenStream } from '../clients/stream';

/** Public path of the notification stream. */
export const NOTIFICATION_STREAM_PATH = `${API_PREFIX}/notifications/stream`;

/**
 * Passes the notification event stream through chunk by chunk, never buffering it. Each user holds at
 * most `streamsPerUser` streams open at this gateway; one more closes their oldest.
 */
export function streamRouter(deps: { openStream: OpenStream; streamsPerUser: number }): Router {
  const router = new Router();
  const slots = new StreamSlots(deps.streamsPerUser);

  router.get(NOTIFICATION_STREAM_PATH, async (ctx) => {
    const path = `/notifications/stream${ctx.querystring ? `?${ctx.querystring}` : ''}`;
    const upstream = await deps.openStream('notifications', path, forwardedRequestHeaders(ctx.headers, ctx.state, ctx.ip));
    ctx.status = upstream.status;
    ctx.set({ ...returnedResponseHeaders(upstream.headers), 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
    // Idle streams must not be cut by socket timeouts; Koa destroys the upstream body when the client leaves.
    ctx.req.socket.setTimeout(0);
    ctx.body = upstream.body;
    ctx.flushHeaders();
    const user = ctx.state.user?.id;
    if (user && upstream.status === 200) {
      const release = slots.claim(user, () => {
        upstream.body.destroy();
        ctx.res.end();
      });
      ctx.res.once('close', release);
    }
  });

  return router;
}
