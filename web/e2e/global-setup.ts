import type { TestProject } from 'vitest/node';
import { startShop, type RunningShop } from './shop';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The shop's test control port; empty against an external shop without SHOPMESH_E2E_CONTROL_URL. */
    controlUrl: string;
  }
}

let shop: RunningShop | undefined;

/**
 * One shop for the whole browser tier. SHOPMESH_BASE_URL runs the tier against a shop already up (with
 * SHOPMESH_E2E_CONTROL_URL when that shop is scripts/web/e2e-shop.ts, which the dead-letter journey needs).
 */
export async function setup(project: TestProject): Promise<void> {
  const external = process.env.SHOPMESH_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    project.provide('controlUrl', process.env.SHOPMESH_E2E_CONTROL_URL ?? '');
    return;
  }
  shop = await startShop();
  project.provide('baseUrl', shop.baseUrl);
  project.provide('controlUrl', shop.controlUrl);
}

export async function teardown(): Promise<void> {
  await shop?.close();
}
