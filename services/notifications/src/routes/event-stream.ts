import { PassThrough } from 'node:stream';
import type Koa from 'koa';

/** An open text/event-stream response. */
export interface EventStream {
  send(event: string, id: string, data: unknown): void;
  /** Runs `cleanup` once when the stream ends, whoever ends it. */
  onClose(cleanup: () => void): void;
}

/**
 * Turns the response into a server-sent event stream: no buffering by proxies, a comment every
 * `keepAliveMs` so idle connections stay open through load balancers, and cleanup when the client goes.
 */
export function openEventStream(ctx: Koa.Context, options: { keepAliveMs: number; retryMs?: number }): EventStream {
  const socket = ctx.req.socket;
  socket.setTimeout(0);
  socket.setNoDelay(true);
  socket.setKeepAlive(true);
  ctx.status = 200;
  ctx.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  const body = new PassThrough();
  ctx.body = body;

  const cleanups: (() => void)[] = [];
  let closed = false;
  const keepAlive = setInterval(() => body.write(': keep-alive\n\n'), options.keepAliveMs);
  const close = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    body.end();
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  // The response closes when the client disconnects (the request's own close fires once its body is read).
  ctx.res.once('close', close);
  body.once('close', close);
  body.write(`retry: ${options.retryMs ?? 3000}\n\n`);

  return {
    send(event, id, data) {
      if (!closed) body.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose(cleanup) {
      if (closed) cleanup();
      else cleanups.push(cleanup);
    },
  };
}
