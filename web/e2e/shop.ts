import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startShopProcess, UNTHROTTLED } from '../../services/shop/test/shop-process';

/** The repository root (web/e2e/../..). */
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Approval timeout of the shop under test: long enough for a browser to click "Approve". */
export const APPROVAL_TIMEOUT_SECONDS = 60;

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
  const shop = await startShopProcess({
    entry: 'scripts/web/e2e-shop.ts',
    port,
    env: {
      ...UNTHROTTLED,
      WEB_DIST_DIR: join(REPO, 'web/dist'),
      // Links in mail (password reset) point at this shop.
      SHOPMESH_PUBLIC_URL: `http://localhost:${port}`,
      LOG_LEVEL: 'warn',
      PAYMENT_APPROVAL_TIMEOUT_SECONDS: String(APPROVAL_TIMEOUT_SECONDS),
      CHECKOUT_STARTER_INTERVAL_MS: '1000',
    },
  });
  const controlUrl = /E2E control: (\S+)/.exec(shop.output())?.[1];
  if (!controlUrl) {
    await shop.stop();
    throw new Error(`the shop announced no control port:\n${shop.output().slice(-4000)}`);
  }
  return { baseUrl: `http://localhost:${port}`, controlUrl, close: shop.stop };
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
