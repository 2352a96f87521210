// The local real-Dapr stack: Redis, PostgreSQL (a database per service), Kafka, placement and scheduler
// through scripts/provision/*.sh, then every service in dapr mode beside its own daprd. Each process runs
// detached in its own process group with a pid file and a log under $SHOPMESH_CACHE/dapr/stack, so any
// one of them can be killed and started again from another process (the fault tests do) and `stop`
// finds everything whoever started it. Used by scripts/dapr/cli.ts and services/shop/test/dapr.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

export const REPO = resolve(__dirname, '../..');
const CACHE = process.env.SHOPMESH_CACHE ?? join(homedir(), '.cache', 'shopmesh');
export const STACK_DIR = join(CACHE, 'dapr', 'stack');
const PIDS = join(STACK_DIR, 'pids');
export const LOGS = join(STACK_DIR, 'logs');
const OWNED = join(STACK_DIR, 'owned.json');
const PROVISION = join(REPO, 'scripts', 'provision');

const PG = { host: '127.0.0.1', port: Number(process.env.SHOPMESH_PG_PORT ?? 5440), user: 'shopmesh', password: 'shopmesh' };
const REDIS_PORT = Number(process.env.SHOPMESH_REDIS_PORT ?? 6390);

// Appended, never inserted: an app's ports follow its position (dapr/dapr.yaml has the same ones).
export const APP_NAMES = ['gateway', 'identity', 'catalog', 'inventory', 'cart', 'orders', 'payments', 'notifications', 'embeddings'] as const;
export type AppName = (typeof APP_NAMES)[number];

/** Where one service and its sidecar listen. */
export interface AppSpec {
  name: AppName;
  appPort: number;
  daprHttpPort: number;
  daprGrpcPort: number;
  metricsPort: number;
  /** The service's management port: /healthz, /readyz, /metrics (what Kubernetes probes and Prometheus scrape). */
  managementPort: number;
  /** Services that own tables get their own PostgreSQL database. */
  database: boolean;
}

const WITHOUT_DATABASE = new Set<AppName>(['gateway', 'cart', 'embeddings']);
const GATEWAY_PORT = Number(process.env.GATEWAY_PORT ?? 8080);

/** Same ports as dapr/dapr.yaml; the internal gRPC port is the gRPC port + 1000 (dapr.sh sidecar). */
export const APPS: readonly AppSpec[] = APP_NAMES.map((name, i) => ({
  name,
  appPort: name === 'gateway' ? GATEWAY_PORT : 3000 + i,
  daprHttpPort: 3500 + i,
  daprGrpcPort: 30101 + i,
  metricsPort: 9501 + i,
  managementPort: 9601 + i,
  database: !WITHOUT_DATABASE.has(name),
}));

export const gatewayUrl = (): string => `http://localhost:${GATEWAY_PORT}`;
export const databaseName = (app: AppName): string => `shopmesh_${app}`;
export const databaseUrl = (app: AppName): string => `postgres://${PG.user}:${PG.password}@${PG.host}:${PG.port}/${databaseName(app)}`;
const spec = (name: AppName): AppSpec => APPS.find((a) => a.name === name)!;

/** A process the stack runs: a service (`orders`) or its sidecar (`orders-daprd`). */
export type ProcessName = AppName | `${AppName}-daprd`;

export function log(message: string): void {
  process.stderr.write(`[stack] ${message}\n`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- processes -------------------------------------------------------------------------------------

/**
 * The stack's app token: daprd sends it (APP_API_TOKEN) on every call to its app, and the app refuses
 * internal paths without it. Kept in a file so a process restarted from another run gets the same one.
 */
function appToken(): string {
  const file = join(STACK_DIR, 'app-token');
  if (!existsSync(file)) {
    mkdirSync(STACK_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

function command(name: ProcessName): { cmd: string; args: string[]; env: NodeJS.ProcessEnv } {
  if (name.endsWith('-daprd')) {
    const app = spec(name.slice(0, -'-daprd'.length) as AppName);
    return {
      cmd: 'bash',
      args: [join(PROVISION, 'dapr.sh'), 'sidecar', app.name, String(app.appPort), String(app.daprHttpPort), String(app.daprGrpcPort), String(app.metricsPort)],
      env: { ...process.env, APP_API_TOKEN: appToken() },
    };
  }
  const app = spec(name as AppName);
  return {
    // node --import tsx is one process (npx tsx would be three), so its pid is the service's.
    cmd: process.execPath,
    args: ['--import', 'tsx', '--import', './services/platform/src/telemetry/preload.ts', join('services', app.name, 'src', 'main.ts')],
    env: {
      ...process.env,
      SHOPMESH_RUNTIME: 'dapr',
      APP_HOST: '127.0.0.1',
      APP_PORT: String(app.appPort),
      MANAGEMENT_PORT: String(app.managementPort),
      DAPR_HTTP_PORT: String(app.daprHttpPort),
      DAPR_GRPC_PORT: String(app.daprGrpcPort),
      SEED: process.env.SEED ?? 'true',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      APP_API_TOKEN: appToken(),
      OTEL_SERVICE_NAME: process.env.OTEL_SERVICE_NAME ?? app.name,
      ...(app.database ? { [`DATABASE_URL_${app.name.toUpperCase()}`]: databaseUrl(app.name) } : {}),
    },
  };
}

const pidFile = (name: string) => join(PIDS, `${name}.pid`);

function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function alive(pid: number | undefined): pid is number {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of a running stack process, or undefined. */
export function pidOf(name: ProcessName): number | undefined {
  const pid = readPid(pidFile(name));
  return alive(pid) ? pid : undefined;
}

/** Starts one process detached in its own process group; a running one is left alone. */
export function startProcess(name: ProcessName): number {
  const running = pidOf(name);
  if (running) return running;
  mkdirSync(PIDS, { recursive: true });
  mkdirSync(LOGS, { recursive: true });
  const { cmd, args, env } = command(name);
  const out = openSync(join(LOGS, `${name}.log`), 'a');
  writeSync(out, `\n---- ${new Date().toISOString()} starting ${name}\n`);
  const child = spawn(cmd, args, { cwd: REPO, env, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  writeFileSync(pidFile(name), String(child.pid));
  return child.pid!;
}

/** Sends a signal to a process's whole group (a sidecar's bash wrapper execs daprd, so that is one). */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

async function waitDead(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await sleep(100);
  }
  return !alive(pid);
}

/** kill -9 of a process (and its group), the crash the fault tests inject. */
export async function killProcess(name: ProcessName): Promise<void> {
  const pid = pidOf(name);
  if (pid) {
    signalGroup(pid, 'SIGKILL');
    await waitDead(pid, 5000);
  }
  rmSync(pidFile(name), { force: true });
}

/** SIGTERM, then SIGKILL after the grace period. */
export async function stopProcess(name: ProcessName, graceMs = 10_000): Promise<void> {
  const pid = pidOf(name);
  if (pid) {
    signalGroup(pid, 'SIGTERM');
    if (!(await waitDead(pid, graceMs))) {
      log(`${name} ignored SIGTERM for ${graceMs / 1000}s; killing it`);
      signalGroup(pid, 'SIGKILL');
      await waitDead(pid, 5000);
    }
  }
  rmSync(pidFile(name), { force: true });
}

// ---- health ----------------------------------------------------------------------------------------

async function httpStatus(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

function tail(name: string, lines = 15): string {
  const file = join(LOGS, `${name}.log`);
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Waits until a service answers /healthz on its management port and its sidecar /v1.0/healthz (components and app channel up). */
export async function waitHealthy(name: AppName, timeoutMs = 180_000, abort?: AbortSignal): Promise<void> {
  const app = spec(name);
  const until = Date.now() + timeoutMs;
  for (;;) {
    abort?.throwIfAborted();
    const [appStatus, daprStatus] = await Promise.all([
      httpStatus(`http://127.0.0.1:${app.managementPort}/healthz`),
      httpStatus(`http://127.0.0.1:${app.daprHttpPort}/v1.0/healthz`),
    ]);
    if (appStatus === 200 && daprStatus === 204) return;
    for (const proc of [name, `${name}-daprd`] as ProcessName[]) {
      if (!pidOf(proc)) throw new Error(`${proc} exited while starting; last lines of ${join(LOGS, `${proc}.log`)}:\n${tail(proc)}`);
    }
    if (Date.now() > until) {
      throw new Error(
        `${name} not healthy after ${timeoutMs / 1000}s (app management /healthz ${appStatus ?? 'no answer'}, daprd /v1.0/healthz ${daprStatus ?? 'no answer'}); see ${LOGS}`,
      );
    }
    await sleep(250);
  }
}

/** Starts a service and its sidecar (whichever is not running) and waits until both are healthy. */
export async function startApp(name: AppName, abort?: AbortSignal): Promise<void> {
  abort?.throwIfAborted();
  const app = spec(name);
  for (const [proc, port] of [
    [`${name}-daprd`, app.daprHttpPort],
    [name, app.appPort],
    [name, app.managementPort],
  ] as const) {
    if (!pidOf(proc) && (await portOpen(port))) throw new Error(`port ${port} for ${proc} is taken by another program`);
  }
  startProcess(`${name}-daprd`);
  startProcess(name);
  await waitHealthy(name, 180_000, abort);
}

/** Kills (-9) one process and starts it again, waiting until its service is healthy. */
export async function restartProcess(name: ProcessName): Promise<void> {
  await killProcess(name);
  await startApp((name.endsWith('-daprd') ? name.slice(0, -'-daprd'.length) : name) as AppName);
}

// ---- infrastructure --------------------------------------------------------------------------------

/**
 * Runs a provisioning script in its own session, so the daemons it leaves behind do not share the
 * terminal's process group and a Ctrl-C reaches only the supervisor, which then stops them in order.
 */
export function provision(script: string, ...args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('bash', [join(PROVISION, script), ...args], { cwd: REPO, stdio: 'inherit', detached: true });
    child.once('error', fail);
    child.once('exit', (code, signal) => (code === 0 ? done() : fail(new Error(`${script} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`))));
  });
}

/** How to start: `fresh` empties the service databases, state and workflow schedules; `abort` gives up half-way. */
export interface StartOptions {
  fresh: boolean;
  abort?: AbortSignal;
}

/** What this stack started (and so stops); infrastructure that was already running is left running. */
interface Owned {
  redis: boolean;
  postgres: boolean;
  kafka: boolean;
  controlPlane: boolean;
}

function readOwned(): Owned {
  const none: Owned = { redis: false, postgres: false, kafka: false, controlPlane: false };
  if (!existsSync(OWNED)) return none;
  return { ...none, ...(JSON.parse(readFileSync(OWNED, 'utf8')) as Partial<Owned>) };
}

function markOwned(part: keyof Owned): void {
  mkdirSync(STACK_DIR, { recursive: true });
  writeFileSync(OWNED, JSON.stringify({ ...readOwned(), [part]: true }));
}

const KAFKA_PID = join(CACHE, 'kafka', 'run', 'kafka.pid');
const CONTROL_PLANE_PIDS = ['placement', 'scheduler'].map((n) => join(CACHE, 'dapr', 'run', `${n}.pid`));

export const kafkaRunning = (): boolean => alive(readPid(KAFKA_PID));
const controlPlaneRunning = (): boolean => CONTROL_PLANE_PIDS.every((f) => alive(readPid(f)));

/** One database per service, created when missing (dropped first when fresh). */
async function ensureDatabases(fresh: boolean): Promise<void> {
  const client = new Client({ host: PG.host, port: PG.port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    for (const app of APPS.filter((a) => a.database)) {
      const name = databaseName(app.name);
      if (fresh) await client.query(`drop database if exists ${name} with (force)`);
      const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`create database ${name} owner ${PG.user}`);
    }
  } finally {
    await client.end();
  }
}

/** Deletes this tier's keys (Dapr prefixes every key with the app id: `orders||...`), nobody else's. */
async function clearStateStore(): Promise<void> {
  const redis = new Redis({ host: '127.0.0.1', port: REDIS_PORT, lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    for (const app of APP_NAMES) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${app}||*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

/**
 * Redis, PostgreSQL with the service databases, Kafka, placement and scheduler. `fresh` starts from
 * empty service databases, state and workflow schedules (the scheduler's data), so a test run does not
 * inherit the previous run's instances; Kafka keeps its topics, whose consumed offsets are committed.
 */
export async function startInfrastructure(options: StartOptions): Promise<void> {
  const redisWasUp = await portOpen(REDIS_PORT);
  const postgresWasUp = await portOpen(PG.port);
  await provision('redis-postgres.sh', 'start');
  if (!redisWasUp) markOwned('redis');
  if (!postgresWasUp) markOwned('postgres');
  await ensureDatabases(options.fresh);
  options.abort?.throwIfAborted();
  if (!kafkaRunning()) {
    await provision('kafka.sh', 'start');
    markOwned('kafka');
  }
  options.abort?.throwIfAborted();
  if (options.fresh) {
    await clearStateStore();
    await provision('dapr.sh', 'stop');
    rmSync(join(CACHE, 'dapr', 'run', 'scheduler-data'), { recursive: true, force: true });
  }
  if (!controlPlaneRunning()) {
    await provision('dapr.sh', 'start');
    markOwned('controlPlane');
  }
}

/** kill -9 of the Kafka broker (its data survives on disk). */
export async function killKafka(): Promise<void> {
  const pid = readPid(KAFKA_PID);
  if (alive(pid)) {
    process.kill(pid, 'SIGKILL');
    await waitDead(pid, 10_000);
  }
}

/** Starts Kafka again (or leaves it running) and waits until the broker is up. */
export const startKafka = (): Promise<void> => provision('kafka.sh', 'start');

// ---- the whole stack -------------------------------------------------------------------------------

/** Apps whose seed calls another app start after it: the catalog seeds stock through inventory. */
const LATER: Partial<Record<AppName, AppName>> = { catalog: 'inventory' };

/** Starts every service beside its sidecar and waits until each is healthy and the API answers. */
export async function startApps(abort?: AbortSignal): Promise<void> {
  const first = APP_NAMES.filter((n) => !LATER[n]);
  const started = new Map(first.map((n) => [n, startApp(n, abort)]));
  await Promise.all([
    ...started.values(),
    ...APP_NAMES.filter((n) => LATER[n]).map(async (n) => {
      await started.get(LATER[n]!);
      await startApp(n, abort);
    }),
  ]);
  const until = Date.now() + 60_000;
  while ((await httpStatus(`${gatewayUrl()}/api/v1/products?pageSize=1`)) !== 200) {
    abort?.throwIfAborted();
    if (Date.now() > until) throw new Error(`the gateway does not answer ${gatewayUrl()}/api/v1/products`);
    await sleep(500);
  }
}

/** Everything, in order. */
export async function startStack(options: StartOptions): Promise<void> {
  if (options.fresh && APP_NAMES.some((n) => pidOf(n) || pidOf(`${n}-daprd`))) {
    throw new Error('the stack is running (npm run start:dapr?); --fresh would empty its databases under it, stop it first');
  }
  await startInfrastructure(options);
  await startApps(options.abort);
}

/** Stops every service, then the sidecars, then the infrastructure this stack started. */
export async function stopStack(): Promise<void> {
  await Promise.all(APP_NAMES.map((n) => stopProcess(n)));
  await Promise.all(APP_NAMES.map((n) => stopProcess(`${n}-daprd`)));
  const owned = readOwned();
  if (owned.controlPlane) await provision('dapr.sh', 'stop');
  if (owned.kafka) await provision('kafka.sh', 'stop');
  if (owned.redis && owned.postgres) await provision('redis-postgres.sh', 'stop');
  else if (owned.redis) await provision('redis-postgres.sh', 'stop', 'redis');
  else if (owned.postgres) await provision('redis-postgres.sh', 'stop', 'postgres');
  rmSync(OWNED, { force: true });
}

/** One line per process: running or not, with pid and ports. */
export async function stackStatus(): Promise<string[]> {
  const lines = APPS.flatMap((app) =>
    [app.name, `${app.name}-daprd`].map((p) => {
      const pid = pidOf(p as ProcessName);
      const ports =
        p === app.name ? `app ${app.appPort} management ${app.managementPort}` : `http ${app.daprHttpPort} grpc ${app.daprGrpcPort} metrics ${app.metricsPort}`;
      return `${p.padEnd(20)} ${pid ? `up   pid ${pid}` : 'down'.padEnd(13)}  ${ports}`;
    }),
  );
  lines.push(`${'kafka'.padEnd(20)} ${kafkaRunning() ? 'up' : 'down'}`);
  lines.push(`${'placement+scheduler'.padEnd(20)} ${controlPlaneRunning() ? 'up' : 'down'}`);
  lines.push(`${'redis'.padEnd(20)} ${(await portOpen(REDIS_PORT)) ? 'up' : 'down'}`);
  lines.push(`${'postgres'.padEnd(20)} ${(await portOpen(PG.port)) ? 'up' : 'down'}`);
  return lines;
}
