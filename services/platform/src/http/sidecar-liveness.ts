import { isIP } from 'node:net';
import type Koa from 'koa';

/** Where daprd's app health check asks whether the app is alive (`appHealthCheckPath`). */
export const SIDECAR_LIVENESS_PATH = '/dapr/healthz';

const isLoopback = (address: string | undefined): boolean =>
  address !== undefined && isIP(address) !== 0 && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));

/**
 * daprd probes its app's health on the app port only, and sends no app token with that probe, so this
 * one liveness answer stays on the app port, for a caller on the loopback interface (the sidecar shares
 * the pod's network namespace). Anyone else gets what every `/dapr/*` path gives without the token: a
 * 401. Kubernetes and Prometheus use the management port.
 */
export function sidecarLiveness(): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === SIDECAR_LIVENESS_PATH && isLoopback(ctx.req.socket.remoteAddress)) {
      ctx.body = { status: 'ok' };
      return;
    }
    await next();
  };
}
