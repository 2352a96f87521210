import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import Redis from 'ioredis';
import { currentScope } from '../../context';
import { APP_TOKEN_HEADER } from '../../http/app-token';
import type { Logger } from '../../logger';
import { createHttpInvoker } from '../http-invoker';
import { unavailable } from '../invoke-response';
import type { AppId, Bindings, Runtime, Secrets } from '../port';
import { EmbeddedBus, type BusOptions } from './pubsub';
import { createRuntimeTables } from './schema';
import { createPostgresStateStore } from './state-postgres';
import { createRedisStateStore } from './state-redis';
import { EmbeddedWorkflowEngine } from './workflows';

/** What the embedded runtime is built on. */
export interface EmbeddedHubOptions {
  /** The host database (PGlite over the wire, or a real PostgreSQL). */
  databaseUrl: string;
  /** Schema of the runtime's own tables. */
  schema?: string;
  /** Use a real Redis for state instead of the host database. */
  redisUrl?: string;
  /** Appended to app ids in state keys, so shops sharing one Redis keep apart (tests). */
  keySuffix?: string;
  /** Secrets by name (the embedded secret store). */
  secrets?: Record<string, string>;
  bus?: BusOptions;
  logger: Logger;
  /** The app token every app of the host requires on internal paths; a random one unless given. */
  appToken?: string;
  /**
   * Connections for the bus and the workflow engine (4 unless given). PGlite serves one transaction at a
   * time, so more buy nothing there; on a real PostgreSQL every saga step and delivery queues for one.
   */
  poolSize?: number;
}

/** A message sent through an output binding; the embedded binding keeps them for inspection. */
export interface SentBinding {
  name: string;
  operation: string;
  data: unknown;
  metadata: Record<string, string>;
}

/**
 * The embedded stand-in for the Dapr sidecars of every service in one process: shared state store,
 * durable bus and workflow engine, plus HTTP invocation to each app's own port.
 */
export class EmbeddedHub {
  readonly bus: EmbeddedBus;
  readonly workflows: EmbeddedWorkflowEngine;
  readonly sent: SentBinding[] = [];
  /** The per-host secret apps require on internal paths; invocations through the hub carry it. */
  readonly appToken: string;
  private readonly ports = new Map<AppId, number>();
  private readonly schema: string;

  private constructor(
    private readonly pool: Pool,
    private readonly redis: Redis | undefined,
    private readonly options: EmbeddedHubOptions,
  ) {
    this.schema = options.schema ?? 'shopmesh_runtime';
    this.appToken = options.appToken ?? randomBytes(32).toString('base64url');
    this.bus = new EmbeddedBus(pool, this.schema, options.logger.child({ component: 'pubsub' }), options.bus);
    this.workflows = new EmbeddedWorkflowEngine(pool, this.schema, options.logger.child({ component: 'workflows' }));
  }

  static async open(options: EmbeddedHubOptions): Promise<EmbeddedHub> {
    const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 4 });
    await createRuntimeTables(pool, options.schema ?? 'shopmesh_runtime');
    const redis = options.redisUrl ? new Redis(options.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 }) : undefined;
    return new EmbeddedHub(pool, redis, options);
  }

  /** Records where an app listens, so invocations can reach it. */
  setPort(appId: AppId, port: number): void {
    this.ports.set(appId, port);
  }

  /** The runtime of one app; `logger` (the app's) names it in the logs of its deliveries and activities. */
  runtimeFor(appId: AppId, logger: Logger = this.options.logger): Runtime {
    const secrets: Secrets = { get: async (name) => this.options.secrets?.[name] };
    const bindings: Bindings = {
      invoke: async (name, operation, data, metadata = {}) => {
        // Kept for inspection (tests, debugging), bounded so a long-running shop does not grow with it.
        this.sent.push({ name, operation, data, metadata });
        if (this.sent.length > 100) this.sent.shift();
        this.options.logger.info({ binding: name, operation, metadata }, 'binding invoked');
      },
    };
    return {
      appId,
      state: this.redis
        ? createRedisStateStore(this.redis, `${appId}${this.options.keySuffix ?? ''}`)
        : createPostgresStateStore(this.pool, this.schema, appId),
      pubsub: { publish: (topic, data, opts) => this.bus.publish(appId, topic, data, { traceparent: currentScope()?.traceparent, ...opts }) },
      invoke: createHttpInvoker((target) => {
        const port = this.ports.get(target);
        if (port === undefined) throw unavailable(target, 'not running in this host');
        return { baseUrl: `http://127.0.0.1:${port}`, headers: { [APP_TOKEN_HEADER]: this.appToken } };
      }),
      workflows: this.workflows.forApp(appId, logger),
      secrets,
      bindings,
      deadLetters: this.bus.deadLettersOf(appId),
      subscribe: async (subscriptions) => this.bus.subscribe(appId, subscriptions, logger),
      close: async () => undefined,
    };
  }

  start(): void {
    this.bus.start();
  }

  /** Stops running workflow steps and deliveries, waiting for those under way; the pool stays open. */
  async quiesce(): Promise<void> {
    await Promise.all([this.workflows.stop(), this.bus.stop()]);
  }

  async close(): Promise<void> {
    await this.quiesce();
    await this.pool.end();
    this.redis?.disconnect();
  }
}
