import type { AsyncLocalStorage } from 'node:async_hooks';
import Koa from 'koa';
import type Router from '@koa/router';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger';
import { problemMiddleware } from './problem';
import { requestStorage } from '../context';
import { requestContext } from './request-context';
import { requireAppToken } from './app-token';
import { jsonBody } from './body';
import { supportedMethodsOnly } from './hygiene';
import { sidecarLiveness } from './sidecar-liveness';
import { createMetrics } from './metrics';

/** What {@link createServiceApp} needs. */
export interface ServiceAppOptions {
  name: string;
  logger: Logger;
  routers: Router[];
  /**
   * Routers that answer every method themselves by passing the request on (the gateway's proxy): they
   * get no `allowedMethods()`, which for a catch-all route would advertise every method there is.
   */
  passthroughRouters?: Router[];
  /** Answers the management port's /readyz; resolve false (or throw) while a dependency is down. */
  ready?: () => Promise<boolean>;
  /** Body size limit; 1 MB unless set. */
  bodyLimit?: string | number;
  /** Middleware that runs after the kit's own and before the routers (auth, em fork, rate limits). */
  middleware?: Koa.Middleware[];
  /** Read JSON bodies; the gateway turns it off to proxy raw bodies. */
  parseBodies?: boolean;
}

/** A Koa app with the kit's chain. `metrics` is exposed so adapters can register their own. */
export interface ServiceApp extends Koa {
  metrics: Registry;
  /**
   * The secret `/internal/*`, `/events/*` and `/dapr/*` callers must present (header `dapr-api-token`).
   * The host sets it once the app is built, as Koa's `app.keys` is set; unset, those paths answer 401.
   */
  appToken?: string;
  /** Whether the service can take traffic now (the management port's /readyz); never throws. */
  ready(): Promise<boolean>;
}

/**
 * Builds a service's Koa app: problem+json errors, request id and traceparent, request logs, metrics,
 * 405 for unknown methods, the app-token check of internal paths, JSON body limit (413), then the
 * service's routers. Never listens. Probes and metrics are not on this (public) app: the host serves
 * them on the management port ({@link createManagementApp}) from `app.ready` and `app.metrics`.
 */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  // One storage for every app of the process: code below a handler (invocation, outbox, logs) finds the
  // request it serves whatever app it runs in. The cast only narrows Koa's context type to what it holds.
  const app = new Koa<Koa.DefaultState, Koa.DefaultContext>({
    proxy: true,
    asyncLocalStorage: requestStorage as unknown as AsyncLocalStorage<Koa.DefaultContext>,
  }) as ServiceApp;
  const metrics = createMetrics(options.name);
  app.metrics = metrics.registry;
  app.ready = () => (options.ready?.() ?? Promise.resolve(true)).catch(() => false);
  app.silent = true;
  app.use(requestContext(options.logger));
  app.use(metrics.middleware);
  app.use(problemMiddleware(options.logger));
  app.use(supportedMethodsOnly());
  app.use(sidecarLiveness());
  app.use(requireAppToken(() => app.appToken));
  if (options.parseBodies !== false) app.use(jsonBody(options.bodyLimit ?? '1mb'));

  for (const mw of options.middleware ?? []) app.use(mw);
  for (const router of options.routers) app.use(router.routes()).use(router.allowedMethods());
  for (const router of options.passthroughRouters ?? []) app.use(router.routes());
  return app;
}
