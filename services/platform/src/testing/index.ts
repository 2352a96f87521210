import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import type { Clock } from '../clock';
import { createTokenVerifier } from '../auth/verifier';
import { startEmbeddedHost, type EmbeddedHost } from '../host/embedded-host';
import { APP_TOKEN_HEADER } from '../http/app-token';
import { createLogger } from '../logger';
import type { AppId, Runtime } from '../runtime/port';
import type { ServiceDefinition } from '../service';
import { createTestKeys } from './test-keys';
import { testDatabaseUrl } from './database-url';

export { testDatabaseUrl };

/** A set of services running in embedded mode for a test file. */
export interface TestShop {
  /** Base URL of a service, for supertest: `request(shop.url('catalog'))`. */
  url(appId: AppId): string;
  runtime(appId: AppId): Runtime;
  orm(appId: AppId): MikroORM;
  /**
   * Runs SQL among `appId`'s own tables (named unqualified), to look at what a service stored. Services
   * name their schema in SQL; this is for tests, which read clearer without it.
   */
  sql<T = Record<string, unknown>>(appId: AppId, query: string, params?: unknown[]): Promise<T[]>;
  /** The log lines of every service, when started with `captureLogs`. */
  logs: Record<string, unknown>[];
  /** Headers that let a test call internal routes (`/internal/*`) the way another service would. */
  internalHeaders: Record<string, string>;
  /** An access token the shop's services accept. */
  signToken(principal: Principal, options?: { expiresIn?: string }): Promise<string>;
  /** Waits until every published event has been handled (or is waiting on a retry backoff). */
  settle(): Promise<void>;
  host: EmbeddedHost;
  /** Stops every service and starts them again on the same data (new ports), as a process restart would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link startTestShop}. */
export interface TestShopOptions {
  seed?: boolean;
  /** Extra environment for the services' config. */
  env?: Record<string, string>;
  /** Keep every log line (parsed JSON, level info and up) in {@link TestShop.logs}. */
  captureLogs?: boolean;
  /** The services' clock; pin one so time-based behaviour (rate limits, expiry) does not hang on the wall clock. */
  clock?: Clock;
}

/**
 * Starts the given services against the run's shared test database, in schemas of their own (so test
 * files never see each other's rows), with a fresh signing key that identity (if present) uses too.
 * SHOPMESH_TEST_REDIS_URL puts the state store on a real Redis (the integration tier).
 */
export async function startTestShop(services: ServiceDefinition<any>[], options: TestShopOptions = {}): Promise<TestShop> {
  const databaseUrl = testDatabaseUrl();
  const keys = await createTestKeys();
  const schemaSuffix = `_t${randomBytes(4).toString('hex')}`;
  const appToken = randomBytes(24).toString('base64url');
  const logs: Record<string, unknown>[] = [];
  const logger = options.captureLogs
    ? createLogger({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) })
    : createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });
  const start = (seed: boolean) =>
    startEmbeddedHost({
      services,
      databaseUrl,
      schemaSuffix,
      env: { ...options.env },
      secrets: { 'jwt-signing-key': keys.privatePem },
      ...(process.env.SHOPMESH_TEST_REDIS_URL ? { redisUrl: process.env.SHOPMESH_TEST_REDIS_URL } : {}),
      seed,
      appToken,
      bus: { backoffMs: 20, maxBackoffMs: 200, maxAttempts: 5, pollMs: 50 },
      verifier: createTokenVerifier(async () => keys.jwks),
      ...(options.clock ? { clock: options.clock } : {}),
      logger,
    });
  let host = await start(options.seed ?? false);
  const get = (appId: AppId) => {
    const service = host.services.get(appId);
    if (!service) throw new Error(`${appId} is not part of this test shop`);
    return service;
  };
  const ormOf = (appId: AppId): MikroORM => {
    const orm = get(appId).orm;
    if (!orm) throw new Error(`${appId} has no database`);
    return orm;
  };
  return {
    url: (appId) => host.url(appId),
    runtime: (appId) => get(appId).runtime,
    orm: ormOf,
    sql: (appId, query, params = []) =>
      ormOf(appId)
        .em.fork()
        .transactional(async (em) => {
          // `set local` lasts for this transaction only, which PGlite runs alone.
          await em.execute(`set local search_path to "${ormOf(appId).config.get('schema')}", public`, [], 'run');
          return em.execute(query, params, 'all');
        }),
    logs,
    internalHeaders: { [APP_TOKEN_HEADER]: appToken },
    signToken: (principal, opts) => keys.sign(principal, opts),
    settle: () => host.hub.bus.idle(),
    get host() {
      return host;
    },
    async restart() {
      await host.close();
      host = await start(false);
    },
    close: () => host.close(),
  };
}
export { startTestWorkflows, type TestWorkflows } from './workflows';
export { eventually, type EventuallyOptions } from './eventually';
export { openTestStateStore, type TestStateStore } from './state-store';
export { createMemoryStateStore } from './memory-state';
export { openTestDatabase, type TestDatabase } from './database';
export {
  acceptFakeAppToken,
  createFakeRuntime,
  createFakeVerifier,
  deliverEvent,
  fakeInternalHeaders,
  FAKE_APP_TOKEN,
  silentLogger,
  type FakeInvokeHandler,
  type FakeReply,
  type FakeRuntime,
  type FakeRuntimeOptions,
  type FakeVerifier,
} from './fakes';
export { createTestKeys, type TestKeys } from './test-keys';
