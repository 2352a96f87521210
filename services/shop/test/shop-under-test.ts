import { execSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTinyModel } from '@shopmesh/embeddings/testing';
import { startTestShop, type TestShop } from '@shopmesh/platform/testing';
import { loadAllServices } from '../src/service-loaders';

/** The shop the end-to-end suite drives: the embedded one in this process, or any running shop. */
export interface ShopUnderTest {
  /** Base of the public API, e.g. http://localhost:8080/api/v1. */
  api(): string;
  /** Stops the service running the checkout saga and starts it again, mid-flight. */
  restartOrders(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How long a suite's beforeAll may take to boot the whole shop (nine services, migrations, seed). About
 * half a minute on a quiet machine; on a 2-core machine shared with other builds it took over two, so
 * the bound is generous: it only stops a shop that will never start.
 */
export const SHOP_START_TIMEOUT_MS = 300_000;

/**
 * Approval timeout the suite expects the shop under test to be configured with. Long enough that a
 * restart of the whole embedded shop on a busy machine still leaves time to approve (the restart test),
 * short enough that the timeout test does not dawdle.
 */
export const APPROVAL_TIMEOUT_SECONDS = Number(process.env.SHOPMESH_E2E_APPROVAL_TIMEOUT_SECONDS ?? 12);

/**
 * With SHOPMESH_BASE_URL the suite runs against that shop (the real-Dapr tier sets it, plus
 * SHOPMESH_RESTART_ORDERS_CMD, a shell command that kills and restarts the orders service).
 * Without it, the whole shop starts here on the embedded runtime.
 */
export async function shopUnderTest(): Promise<ShopUnderTest> {
  const baseUrl = process.env.SHOPMESH_BASE_URL;
  if (baseUrl) {
    return {
      api: () => `${baseUrl.replace(/\/$/, '')}/api/v1`,
      async restartOrders() {
        const command = process.env.SHOPMESH_RESTART_ORDERS_CMD;
        if (!command) throw new Error('SHOPMESH_RESTART_ORDERS_CMD must say how to restart orders in the shop at SHOPMESH_BASE_URL');
        execSync(command, { stdio: 'inherit' });
      },
      close: async () => undefined,
    };
  }
  // The embedded shop embeds with the tiny model the suite generates; `npm run test:model` uses the real one.
  const modelsDir = await mkdtemp(join(tmpdir(), 'shopmesh-models-'));
  await writeTinyModel(modelsDir);
  const shop: TestShop = await startTestShop(await loadAllServices(), {
    seed: true,
    env: {
      EMBEDDINGS_MODELS_DIR: modelsDir,
      PAYMENT_APPROVAL_TIMEOUT_SECONDS: String(APPROVAL_TIMEOUT_SECONDS),
      CHECKOUT_STARTER_INTERVAL_MS: '1000',
      RATE_LIMIT_IP_PER_MINUTE: '100000',
      RATE_LIMIT_USER_PER_MINUTE: '100000',
      RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
      RATE_LIMIT_SIGNUP_PER_MINUTE: '100000',
    },
  });
  return {
    api: () => `${shop.url('gateway')}/api/v1`,
    restartOrders: () => shop.restart(),
    async close() {
      await shop.close();
      await rm(modelsDir, { recursive: true, force: true });
    },
  };
}
