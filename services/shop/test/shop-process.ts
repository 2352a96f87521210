/**
 * The whole shop as `npm start` runs it, in a child process on loopback ports of its own: what the
 * browser tier, the k6 smoke, the fuzz tier and the bench drive from outside. (The jest suites start the
 * shop in-process instead: shop-under-test.ts.) Node built-ins only, so every one of those can import it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
const READY_LINE = 'ShopMesh is ready';
const OUTPUT_KEPT = 64 * 1024;

/** Budgets so high that a test or a load run meets the API's rules, never its rate limits. */
export const UNTHROTTLED: Record<string, string> = {
  RATE_LIMIT_IP_PER_MINUTE: '100000000',
  RATE_LIMIT_USER_PER_MINUTE: '100000000',
  RATE_LIMIT_LOGIN_PER_MINUTE: '100000000',
  RATE_LIMIT_SIGNUP_PER_MINUTE: '100000000',
};

/** Options of {@link startShopProcess}. */
export interface ShopProcessOptions {
  /** Entry script, relative to the repository root; `npm start`'s by default. */
  entry?: string;
  /** Arguments after the entry (`--processes`). */
  args?: string[];
  /** Arguments to Node itself (a CPU profile), which the processes it forks inherit. */
  nodeArgs?: string[];
  /** Added to this process's environment; PORT, MANAGEMENT_PORT and SHOPMESH_DATA_DIR are set here. */
  env?: Record<string, string>;
  /** Gateway port; a free loopback port by default. */
  port?: number;
  /** Data folder, kept on stop (for a reopen); by default a fresh one, removed on stop. */
  dataDir?: string;
  timeoutMs?: number;
}

/** A shop running in a child process. */
export interface ShopProcess {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Seconds from spawn to the ready line (databases migrated, every service listening, data seeded). */
  readySeconds: number;
  /** The last 64 kB the shop printed (stdout and stderr). */
  output(): string;
  /** SIGTERM, then SIGKILL after 15 s; removes the data folder it made. */
  stop(): Promise<void>;
}

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** Stops a child process and waits for it to exit (SIGKILL after 15 s). */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Starts the shop and resolves once it prints its ready line; rejects (and stops it) if it exits or times out first. */
export async function startShopProcess(options: ShopProcessOptions = {}): Promise<ShopProcess> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'shopmesh-shop-'));
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', join(REPO, options.entry ?? 'services/shop/src/main.ts'), ...(options.args ?? [])],
    {
      cwd: REPO,
      env: {
        ...process.env,
        ...options.env,
        PORT: String(port),
        // A free management port: several shops (and a developer's `npm start` on 8081) may run at once.
        MANAGEMENT_PORT: '0',
        SHOPMESH_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  // Both pipes are read for the process's whole life: a full pipe would block the shop.
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_KEPT));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = async () => {
    await stopProcess(child);
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const timeoutMs = options.timeoutMs ?? 300_000;
  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`the shop was not ready within ${timeoutMs / 1000} s`)), timeoutMs);
      const onData = () => {
        if (!output.includes(READY_LINE)) return;
        clearTimeout(timer);
        child.stdout.off('data', onData);
        ready();
      };
      child.stdout.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`the shop exited (${signal ?? code}) before it was ready`));
      });
    });
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}:\n${output.slice(-4000)}`, { cause: err });
  }
  return { port, baseUrl: `http://127.0.0.1:${port}`, child, readySeconds: (Date.now() - started) / 1000, output: () => output, stop };
}
