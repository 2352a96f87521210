import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { identityTokenVerifier } from '../auth/identity-jwks';
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { openServiceDatabase } from '../db/orm';
import type { Logger } from '../logger';
import { EmbeddedHub } from '../runtime/embedded/hub';
import type { AppId } from '../runtime/port';
import type { ServiceDefinition, ServiceInstance } from '../service';
import { deadLetterRouter } from '../http/dead-letter-routes';
import { closeOnSignals, closeServer } from '../shutdown';
import { boundPort, createManagementApp, listenManagement } from '../http/management';

/**
 * What the parent tells each service process (in SHOPMESH_HOSTED_SERVICE): which app it is, the ports
 * fixed in advance (the gateway's; the others listen on a free port and report it), and the databases.
 */
export interface HostedProcessConfig {
  appId: AppId;
  ports: Record<string, number>;
  databaseUrl: string;
  serviceDatabaseUrl?: string;
  /** Appended to schema names so several shops can share one database (tests). */
  schemaSuffix: string;
  redisUrl?: string;
  /** The host's app token: every process requires it on internal paths and sends it on invocations. */
  appToken: string;
}

/** Messages between the parent and a service process, in start-up order. */
type ToChild = { kind: 'ports'; ports: Record<string, number> } | { kind: 'seed' } | { kind: 'start'; topics: Record<string, string[]> };
type ToParent =
  | { kind: 'ready'; port: number; topics: string[] }
  | { kind: 'addressed' }
  | { kind: 'seeded' }
  | { kind: 'started'; managementPort: number }
  | { kind: 'failed'; error: string };

/** How to run a set of services, each in a Node process of its own. */
export interface ProcessHostOptions {
  /** App ids in seed order (a service seeds after those its seed calls). */
  services: AppId[];
  /** Module of the child entry, which calls {@link serveHostedService} with a loader of the service definitions. */
  entry: string;
  databaseUrl: string;
  serviceDatabaseUrls?: Partial<Record<AppId, string>>;
  redisUrl?: string;
  ports?: Partial<Record<AppId, number>>;
  /** The environment each process starts with (its service config is parsed from it). */
  env: Record<string, string | undefined>;
  seed?: boolean;
  /** Appended to every schema name so several shops can share one database (tests). */
  schemaSuffix?: string;
  /** Node flags of the service processes; the host's own by default (tsx under `npm start`). */
  execArgv?: string[];
  logger: Logger;
}

/** The running multi-process shop. */
export interface ProcessHost {
  /** Each service process with its public port and its own management port (/healthz, /readyz, /metrics). */
  services: Map<AppId, { name: AppId; port: number; managementPort: number; pid: number }>;
  url(appId: AppId): string;
  close(): Promise<void>;
}

/** The next message of a kind from a child, or its exit as an error. */
function next<K extends ToParent['kind']>(child: ChildProcess, appId: AppId, kind: K): Promise<Extract<ToParent, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ToParent) => {
      if (message.kind === 'failed') finish(() => reject(new Error(`${appId} failed to start: ${message.error}`)));
      else if (message.kind === kind) finish(() => resolve(message as Extract<ToParent, { kind: K }>));
    };
    const onExit = (code: number | null) => finish(() => reject(new Error(`${appId} exited with ${code} while starting`)));
    const finish = (settle: () => void) => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      settle();
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * Starts every service as a Node process of its own, as Kubernetes runs them, so the shop uses every
 * core. The processes share the embedded runtime's tables (state, durable bus, workflows) in the host
 * database and call each other over HTTP on ports fixed here. Start-up keeps the single-process host's
 * order: every app listening, then seeds one after another, then subscriptions, workflows and
 * background tasks.
 */
export async function startProcessHost(options: ProcessHostOptions): Promise<ProcessHost> {
  const ports: Record<string, number> = {};
  const appToken = randomBytes(32).toString('base64url');
  for (const appId of options.services) {
    const fixed = options.ports?.[appId];
    if (fixed !== undefined) ports[appId] = fixed;
  }
  const managementPorts: Record<string, number> = {};
  const children = new Map<AppId, ChildProcess>();
  const close = async () => {
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            // A process that has not finished its own graceful stop by then is killed: shutdown is bounded.
            const kill = setTimeout(() => child.kill('SIGKILL'), 12_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    const topics: Record<string, string[]> = {};
    await Promise.all(
      options.services.map(async (appId) => {
        const config: HostedProcessConfig = {
          appId,
          ports,
          databaseUrl: options.databaseUrl,
          ...(options.serviceDatabaseUrls?.[appId] ? { serviceDatabaseUrl: options.serviceDatabaseUrls[appId] } : {}),
          schemaSuffix: options.schemaSuffix ?? '',
          appToken,
          ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
        };
        const child = fork(options.entry, [], {
          env: { ...options.env, SHOPMESH_HOSTED_SERVICE: JSON.stringify(config) },
          execArgv: options.execArgv ?? process.execArgv,
          stdio: 'inherit',
        });
        children.set(appId, child);
        const ready = await next(child, appId, 'ready');
        ports[appId] = ready.port;
        topics[appId] = ready.topics;
      }),
    );
    // Each process listened on a port of its own choosing (a port picked here and bound later could be
    // taken in between); now every process learns where the others are, before anything calls them.
    await Promise.all(
      options.services.map((appId) => {
        children.get(appId)!.send({ kind: 'ports', ports } satisfies ToChild);
        return next(children.get(appId)!, appId, 'addressed');
      }),
    );
    if (options.seed) {
      for (const appId of options.services) {
        children.get(appId)!.send({ kind: 'seed' } satisfies ToChild);
        await next(children.get(appId)!, appId, 'seeded');
      }
    }
    await Promise.all(
      options.services.map(async (appId) => {
        children.get(appId)!.send({ kind: 'start', topics } satisfies ToChild);
        managementPorts[appId] = (await next(children.get(appId)!, appId, 'started')).managementPort;
      }),
    );
  } catch (err) {
    await close();
    throw err;
  }
  for (const [appId, child] of children) {
    child.once('exit', (code, signal) => options.logger.error({ service: appId, code, signal }, 'service process exited'));
  }
  return {
    services: new Map(
      options.services.map((appId) => [appId, { name: appId, port: ports[appId]!, managementPort: managementPorts[appId]!, pid: children.get(appId)!.pid! }]),
    ),
    url: (appId) => `http://127.0.0.1:${ports[appId]}`,
    close: async () => {
      for (const child of children.values()) child.removeAllListeners('exit');
      await close();
    },
  };
}

/**
 * The body of one service process of {@link startProcessHost}: builds the service named in
 * SHOPMESH_HOSTED_SERVICE on its own embedded hub (whose bus also stores deliveries for subscribers in
 * the other processes), listens on its port, and follows the parent's seed and start messages.
 */
export async function serveHostedService(load: (appId: AppId) => Promise<ServiceDefinition<any>>, env: NodeJS.ProcessEnv, logger: Logger): Promise<void> {
  const send = (message: ToParent) => process.send?.(message);
  try {
    const config = JSON.parse(env.SHOPMESH_HOSTED_SERVICE ?? '') as HostedProcessConfig;
    // Only this process's service is loaded: loading all nine in each of nine processes cost each one
    // the whole shop's module loading at start (about 10 CPU-seconds apiece under tsx).
    const definition = await load(config.appId);
    const log = logger.child({ service: definition.name });
    let remote: Record<string, string[]> = {};
    const hub = await EmbeddedHub.open({
      databaseUrl: config.databaseUrl,
      schema: `shopmesh_runtime${config.schemaSuffix}`,
      ...(config.redisUrl ? { redisUrl: config.redisUrl, keySuffix: config.schemaSuffix } : {}),
      appToken: config.appToken,
      // A process of its own on a real PostgreSQL: its saga steps and deliveries run side by side.
      poolSize: 8,
      bus: { remoteSubscribers: (topic) => Object.keys(remote).filter((app) => app !== config.appId && remote[app]!.includes(topic)) },
      logger: log,
    });
    const runtime = hub.runtimeFor(definition.name, log);
    const orm: MikroORM | undefined = definition.database
      ? await openServiceDatabase(
          definition.database,
          {
            url: config.serviceDatabaseUrl ?? config.databaseUrl,
            schema: `${definition.name}${config.schemaSuffix}`,
            poolSize: 10,
            qualifiedOnly: true,
          },
          log,
        )
      : undefined;
    const instance: ServiceInstance = await definition.create({
      config: loadConfig(definition.config, env),
      runtime,
      ...(orm ? { orm } : {}),
      logger: log,
      clock: systemClock,
      verifier: identityTokenVerifier(runtime.invoke),
    });
    instance.app.appToken = hub.appToken;
    instance.app.use(deadLetterRouter(runtime.deadLetters).routes());
    const server = instance.app.listen(config.ports[definition.name] ?? 0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    server.keepAliveTimeout = 65_000;
    let management: Server | undefined;
    closeOnSignals(log, async () => {
      await Promise.all((instance.background ?? []).map((task) => task.stop()));
      // Other services' keep-alive agents hold idle connections open for a minute; waiting on them would
      // outlast the parent's patience and leave this process behind.
      await closeServer(server, 5_000);
      if (management) await closeServer(management, 1_000);
      await hub.close();
      await orm?.close();
    });
    // The IPC channel closes when the parent is gone (even by SIGKILL): shut down as on a SIGTERM, never
    // outlive the shop as an orphan still holding its port.
    process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
    process.on('message', (message: ToChild) => {
      const step = async () => {
        if (message.kind === 'ports') {
          for (const [appId, port] of Object.entries(message.ports)) hub.setPort(appId as AppId, port);
          send({ kind: 'addressed' });
        } else if (message.kind === 'seed') {
          await instance.seed?.();
          send({ kind: 'seeded' });
        } else {
          remote = message.topics;
          await runtime.subscribe(instance.subscriptions ?? []);
          if (instance.workflows) {
            runtime.workflows.register(instance.workflows);
            await runtime.workflows.start();
          }
          for (const task of instance.background ?? []) task.start();
          hub.start();
          // One management port per process, as each pod has its own; listening once the service runs.
          management = await listenManagement(
            createManagementApp(() => [{ name: definition.name, metrics: instance.app.metrics, ready: () => instance.app.ready() }], { processMetrics: true }),
            0,
            '127.0.0.1',
          );
          send({ kind: 'started', managementPort: boundPort(management) });
        }
      };
      step().catch((err: unknown) => send({ kind: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
    });
    send({ kind: 'ready', port: (server.address() as AddressInfo).port, topics: (instance.subscriptions ?? []).map((s) => s.topic) });
  } catch (err) {
    send({ kind: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  }
}
