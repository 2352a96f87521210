import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { identityTokenVerifier } from '../auth/identity-jwks';
import type { TokenVerifier } from '../auth/verifier';
import { systemClock, type Clock } from '../clock';
import { loadConfig } from '../config';
import { openServiceDatabase } from '../db/orm';
import { closeServer } from '../shutdown';
import { boundPort, createManagementApp, listenManagement } from '../http/management';
import type { Logger } from '../logger';
import { EmbeddedHub } from '../runtime/embedded/hub';
import type { BusOptions } from '../runtime/embedded/pubsub';
import type { AppId, Runtime } from '../runtime/port';
import type { BackgroundTask, ServiceDefinition, ServiceInstance } from '../service';
import { deadLetterRouter } from '../http/dead-letter-routes';

/** How to run a set of services in one process. */
export interface EmbeddedHostOptions {
  services: ServiceDefinition<any>[];
  /** The host database every service gets a schema in. */
  databaseUrl: string;
  /** Per-service database URLs (`DATABASE_URL_<SERVICE>`), overriding `databaseUrl`. */
  serviceDatabaseUrls?: Partial<Record<AppId, string>>;
  /** Appended to every schema name so several shops can share one database (tests). */
  schemaSuffix?: string;
  /** Fixed ports per app; others listen on a free port. */
  ports?: Partial<Record<AppId, number>>;
  /**
   * The one management port of the process (/healthz, /readyz, /metrics of every hosted service); a
   * free port unless set.
   */
  managementPort?: number;
  /** Export the process's own metrics (CPU, memory, event loop) on the management port too. */
  processMetrics?: boolean;
  /** The environment each service's config is parsed from. */
  env: Record<string, string | undefined>;
  secrets?: Record<string, string>;
  redisUrl?: string;
  seed?: boolean;
  bus?: BusOptions;
  /** The app token internal paths require; a random per-host secret unless given. */
  appToken?: string;
  /** Replaces the identity-JWKS verifier (tests sign tokens with their own key). */
  verifier?: TokenVerifier;
  clock?: Clock;
  logger: Logger;
  /** How long open requests may finish on close before their connections are cut; 2 s unless set. */
  shutdownGraceMs?: number;
}

/** A running service inside the host. */
export interface HostedService {
  name: AppId;
  port: number;
  runtime: Runtime;
  orm?: MikroORM;
  instance: ServiceInstance;
}

/** The running embedded shop. */
export interface EmbeddedHost {
  hub: EmbeddedHub;
  services: Map<AppId, HostedService>;
  url(appId: AppId): string;
  /** Base URL of the management port: `/healthz`, `/readyz`, `/metrics` of every hosted service. */
  managementUrl: string;
  close(): Promise<void>;
}

/**
 * Starts every given service in this process, each Koa app on its own port, all on one embedded hub.
 * Order: databases and apps first, then seeds (which may call each other), then subscriptions,
 * workflow workers and background tasks, so nothing runs against a half-built shop.
 */
export async function startEmbeddedHost(options: EmbeddedHostOptions): Promise<EmbeddedHost> {
  const { logger } = options;
  const suffix = options.schemaSuffix ?? '';
  const hub = await EmbeddedHub.open({
    databaseUrl: options.databaseUrl,
    schema: `shopmesh_runtime${suffix}`,
    ...(options.redisUrl ? { redisUrl: options.redisUrl, keySuffix: suffix } : {}),
    secrets: options.secrets ?? {},
    ...(options.bus ? { bus: options.bus } : {}),
    ...(options.appToken ? { appToken: options.appToken } : {}),
    logger,
  });
  const services = new Map<AppId, HostedService>();
  const servers: Server[] = [];
  let management: Server | undefined;
  const background: BackgroundTask[] = [];
  const orms: MikroORM[] = [];

  // Work that calls the apps (deliveries, activities, background passes) stops while they still
  // answer; then the servers close, cutting connections that outlive the grace (SSE streams, idle
  // keep-alives), so closing never waits on a client.
  const close = async (): Promise<void> => {
    await Promise.all([hub.quiesce(), ...background.map((task) => task.stop())]);
    await Promise.all([...servers, ...(management ? [management] : [])].map((server) => closeServer(server, options.shutdownGraceMs ?? 2_000)));
    await hub.close();
    await Promise.all(orms.map((orm) => orm.close()));
  };

  try {
    for (const definition of options.services) {
      const log = logger.child({ service: definition.name });
      const runtime = hub.runtimeFor(definition.name, log);
      const orm = definition.database
        ? await openServiceDatabase(
            definition.database,
            {
              url: options.serviceDatabaseUrls?.[definition.name] ?? options.databaseUrl,
              schema: `${definition.name}${suffix}`,
              poolSize: 5,
              qualifiedOnly: true,
            },
            log,
          )
        : undefined;
      if (orm) orms.push(orm);
      const instance = await definition.create({
        config: loadConfig(definition.config, options.env),
        runtime,
        ...(orm ? { orm } : {}),
        logger: log,
        clock: options.clock ?? systemClock,
        verifier: options.verifier ?? identityTokenVerifier(runtime.invoke),
      });
      instance.app.appToken = hub.appToken;
      instance.app.use(deadLetterRouter(runtime.deadLetters).routes());
      const server = instance.app.listen(options.ports?.[definition.name] ?? 0, '127.0.0.1');
      await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
      server.keepAliveTimeout = 65_000;
      servers.push(server);
      const port = (server.address() as AddressInfo).port;
      hub.setPort(definition.name, port);
      services.set(definition.name, { name: definition.name, port, runtime, ...(orm ? { orm } : {}), instance });
    }
    if (options.seed) {
      for (const service of services.values()) await service.instance.seed?.();
    }
    for (const service of services.values()) {
      await service.runtime.subscribe(service.instance.subscriptions ?? []);
      if (service.instance.workflows) {
        service.runtime.workflows.register(service.instance.workflows);
        await service.runtime.workflows.start();
      }
      for (const task of service.instance.background ?? []) {
        task.start();
        background.push(task);
      }
    }
    hub.start();
    // Listening only once everything runs, so /readyz cannot say ready before the shop takes traffic.
    const managed = [...services.values()].map((s) => ({ name: s.name, metrics: s.instance.app.metrics, ready: () => s.instance.app.ready() }));
    management = await listenManagement(
      createManagementApp(() => managed, { processMetrics: options.processMetrics ?? false }),
      options.managementPort ?? 0,
      '127.0.0.1',
    );
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }

  return {
    hub,
    services,
    url: (appId) => {
      const service = services.get(appId);
      if (!service) throw new Error(`${appId} is not running in this host`);
      return `http://127.0.0.1:${service.port}`;
    },
    managementUrl: `http://127.0.0.1:${boundPort(management!)}`,
    close,
  };
}
