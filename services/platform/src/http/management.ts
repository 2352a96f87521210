import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from '@koa/router';
import { AggregatorRegistry, collectDefaultMetrics, Registry } from 'prom-client';

/** What the management port reports on for one service. */
export interface ManagedService {
  name: string;
  /** The service's Prometheus registry (its request metrics and any its adapters registered). */
  metrics: Registry;
  /** Whether the service can take traffic now; never throws. */
  ready(): Promise<boolean>;
}

/** Options of {@link createManagementApp}. */
export interface ManagementOptions {
  /** Also export the process's own metrics (CPU, memory, event loop, GC): once per process. */
  processMetrics?: boolean;
}

/**
 * The management app: `/healthz` (the process is alive), `/readyz` (every service it hosts can take
 * traffic; 503 naming those that cannot) and `/metrics` (Prometheus text of every hosted service, each
 * labelled with its `service`). It listens on a port of its own, which Kubernetes probes and Prometheus
 * scrape, so none of this is on the public port. `services` is read on each request, so a host may add
 * services after the app is built.
 */
export function createManagementApp(services: () => readonly ManagedService[], options: ManagementOptions = {}): Koa {
  const app = new Koa();
  app.silent = true;
  const processRegistry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: processRegistry });
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.set('cache-control', 'no-store');
    ctx.body = { status: 'ok', services: services().map((s) => s.name) };
  });
  router.get('/readyz', async (ctx) => {
    const hosted = services();
    const states = await Promise.all(hosted.map(async (s) => [s.name, await s.ready().catch(() => false)] as const));
    const ready = hosted.length > 0 && states.every(([, up]) => up);
    ctx.set('cache-control', 'no-store');
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not-ready', services: Object.fromEntries(states.map(([name, up]) => [name, up ? 'ready' : 'not-ready'])) };
  });
  router.get('/metrics', async (ctx) => {
    const registries = [...services().map((s) => s.metrics), processRegistry];
    // One exposition for all: families of the same name from several services are merged (their
    // samples differ by the `service` label), where plain concatenation would repeat a family.
    const merged = AggregatorRegistry.aggregate(await Promise.all(registries.map((r) => r.getMetricsAsJSON())));
    ctx.set('cache-control', 'no-store');
    ctx.type = merged.contentType;
    ctx.body = await merged.metrics();
  });
  app.use(router.routes()).use(router.allowedMethods());
  return app;
}

/** Listens with the management app on `host:port` (0 picks a free port) and resolves once it is bound. */
export async function listenManagement(app: Koa, port: number, host: string): Promise<Server> {
  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return server;
}

/** The port a listening server is bound to. */
export const boundPort = (server: Server): number => (server.address() as AddressInfo).port;
