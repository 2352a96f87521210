import type { TestProject } from 'vitest/node';
import { startShop, type RunningShop } from './shop';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let shop: RunningShop | undefined;

/** One shop for the whole browser tier; SHOPMESH_BASE_URL runs the tier against a shop already up. */
export async function setup(project: TestProject): Promise<void> {
  const external = process.env.SHOPMESH_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return;
  }
  shop = await startShop();
  project.provide('baseUrl', shop.baseUrl);
}

export async function teardown(): Promise<void> {
  await shop?.close();
}
