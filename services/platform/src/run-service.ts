import type { Server } from 'node:http';
import { z } from 'zod';
import { identityTokenVerifier } from './auth/identity-jwks';
import { systemClock } from './clock';
import { routeConsoleToLogger } from './console';
import { env, loadConfig } from './config';
import { openServiceDatabase } from './db/orm';
import { createLogger } from './logger';
import { deadLetterRouter } from './http/dead-letter-routes';
import { createDaprRuntime, daprSubscriptionRouter } from './runtime/dapr';
import { createManagementApp, listenManagement } from './http/management';
import type { ServiceDefinition } from './service';
import { closeOnSignals, closeServer, drainServer } from './shutdown';

const StandaloneEnv = z.object({
  SHOPMESH_RUNTIME: z.literal('dapr', { message: 'a standalone service runs beside a Dapr sidecar; use `npm start` for the embedded shop' }),
  APP_PORT: env.port(3000),
  APP_HOST: z.string().default('0.0.0.0'),
  /** Where /healthz, /readyz and /metrics are served (bound on APP_HOST): what Kubernetes probes and Prometheus scrape. */
  MANAGEMENT_PORT: env.port(8081),
  DAPR_HOST: z.string().default('127.0.0.1'),
  DAPR_HTTP_PORT: env.port(3500),
  DAPR_GRPC_PORT: env.port(50001),
  DAPR_PUBSUB: z.string().default('pubsub'),
  DAPR_STATESTORE: z.string().default('statestore'),
  DAPR_SECRETSTORE: z.string().default('secretstore'),
  DATABASE_URL: z.string().optional(),
  SEED: env.bool(false),
  LOG_LEVEL: z.string().default('info'),
  /**
   * Seconds the service keeps serving after SIGTERM, reported not ready, before it closes: longer than
   * its callers take to stop sending to it (Kubernetes sets it; daprd caches addresses for 20 s).
   */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().int().min(0).default(0),
  /** The secret daprd sends with every call to the app (its own APP_API_TOKEN); internal paths require it. */
  APP_API_TOKEN: z.string().min(16, 'the app token daprd is started with (APP_API_TOKEN), at least 16 characters'),
});

/**
 * Runs one service as its own process beside a daprd (Kubernetes, `dapr run -f`, the real-Dapr test
 * tier): Dapr runtime adapter, its own database (`DATABASE_URL_<SERVICE>` or `DATABASE_URL`), Dapr's
 * subscription routes on the Koa app, graceful shutdown on SIGTERM.
 */
export async function runService(definition: ServiceDefinition<any>, environment: NodeJS.ProcessEnv): Promise<void> {
  const settings = loadConfig(StandaloneEnv, environment);
  const logger = createLogger({ name: definition.name, level: settings.LOG_LEVEL });
  routeConsoleToLogger(logger);
  const databaseUrl = environment[`DATABASE_URL_${definition.name.toUpperCase()}`] ?? settings.DATABASE_URL;
  const runtime = createDaprRuntime({
    appId: definition.name,
    daprHost: settings.DAPR_HOST,
    daprHttpPort: settings.DAPR_HTTP_PORT,
    daprGrpcPort: settings.DAPR_GRPC_PORT,
    pubsubName: settings.DAPR_PUBSUB,
    stateStoreName: settings.DAPR_STATESTORE,
    secretStoreName: settings.DAPR_SECRETSTORE,
    logger,
  });
  if (definition.database && !databaseUrl) throw new Error(`Invalid configuration:\n  DATABASE_URL_${definition.name.toUpperCase()}: required`);
  const orm =
    definition.database && databaseUrl ? await openServiceDatabase(definition.database, { url: databaseUrl, schema: definition.name }, logger) : undefined;
  const instance = await definition.create({
    config: loadConfig(definition.config, environment),
    runtime,
    ...(orm ? { orm } : {}),
    logger,
    clock: systemClock,
    verifier: identityTokenVerifier(runtime.invoke),
  });
  instance.app.appToken = settings.APP_API_TOKEN;
  const subscriptions = instance.subscriptions ?? [];
  instance.app.use(
    daprSubscriptionRouter(subscriptions, { pubsubName: settings.DAPR_PUBSUB, appId: definition.name, deadLetters: runtime.deadLetters, logger }).routes(),
  );
  instance.app.use(deadLetterRouter(runtime.deadLetters).routes());
  if (settings.SEED) await instance.seed?.();
  if (instance.workflows) runtime.workflows.register(instance.workflows);
  const server: Server = instance.app.listen(settings.APP_PORT, settings.APP_HOST);
  // Longer than the idle timeout of the clients and proxies in front, so they close idle connections
  // first and never send on a socket this server is closing.
  server.keepAliveTimeout = 65_000;
  let draining = false;
  // With the app: the probes answer from the moment it takes traffic, as they did on the app port.
  const management = await listenManagement(
    createManagementApp(() => [{ name: definition.name, metrics: instance.app.metrics, ready: async () => !draining && (await instance.app.ready()) }], {
      processMetrics: true,
    }),
    settings.MANAGEMENT_PORT,
    settings.APP_HOST,
  );
  await runtime.subscribe(subscriptions);
  if (instance.workflows) await runtime.workflows.start();
  for (const task of instance.background ?? []) task.start();
  logger.info({ port: settings.APP_PORT, managementPort: settings.MANAGEMENT_PORT }, `${definition.name} listening`);

  closeOnSignals(logger, async () => {
    draining = true;
    await drainServer(server, settings.SHUTDOWN_DRAIN_SECONDS * 1000);
    await Promise.all((instance.background ?? []).map((task) => task.stop()));
    await closeServer(server, 10_000);
    await closeServer(management, 1_000);
    await runtime.close();
    await orm?.close();
  });
}
