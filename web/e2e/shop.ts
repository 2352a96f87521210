import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (web/e2e/../..). */
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Approval timeout of the shop under test: long enough for a browser to click "Approve". */
export const APPROVAL_TIMEOUT_SECONDS = 60;

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? res(address.port) : rej(new Error('no port'))));
    });
  });
}

export interface RunningShop {
  baseUrl: string;
  /** The test control port of scripts/web/e2e-shop.ts (publishes an event as a service would). */
  controlUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the embedded shop (the host `npm start` runs, plus a test control port: scripts/web/e2e-shop.ts)
 * in its own process on a free port with a fresh data folder, serving the storefront build in web/dist,
 * and waits for its ready line.
 */
export async function startShop(): Promise<RunningShop> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'shopmesh-web-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/web/e2e-shop.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: String(port),
      // A free management port: several shops (and a developer's `npm start` on 8081) may run at once.
      MANAGEMENT_PORT: '0',
      SHOPMESH_DATA_DIR: dataDir,
      WEB_DIST_DIR: join(REPO, 'web/dist'),
      // Links in mail (password reset) point at this shop.
      SHOPMESH_PUBLIC_URL: `http://localhost:${port}`,
      LOG_LEVEL: 'warn',
      PAYMENT_APPROVAL_TIMEOUT_SECONDS: String(APPROVAL_TIMEOUT_SECONDS),
      CHECKOUT_STARTER_INTERVAL_MS: '1000',
      RATE_LIMIT_IP_PER_MINUTE: '100000',
      RATE_LIMIT_USER_PER_MINUTE: '100000',
      RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
      RATE_LIMIT_SIGNUP_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((res, rej) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ShopMesh is ready')) res();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => rej(new Error(`the shop exited (${code}) before it was ready:\n${output.slice(-4000)}`)));
  });
  await ready;
  const controlUrl = /E2E control: (\S+)/.exec(output)?.[1];
  if (!controlUrl) throw new Error(`the shop announced no control port:\n${output.slice(-4000)}`);
  return {
    baseUrl: `http://localhost:${port}`,
    controlUrl,
    async close() {
      const exited = new Promise((res) => child.once('exit', res));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Publishes an event on `app`'s bus through the control port, as that service's runtime would (the
 * dead-letter journey's way to strand an event no flow of the shop strands).
 */
export async function publishAs(controlUrl: string, app: string, topic: string, data: Record<string, unknown>, id?: string): Promise<void> {
  const res = await fetch(`${controlUrl}/publish`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app, topic, data, ...(id ? { id } : {}) }),
  });
  if (res.status !== 202) throw new Error(`publishing ${topic} as ${app} answered ${res.status}: ${await res.text()}`);
}
