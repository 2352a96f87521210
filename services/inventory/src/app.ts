import { createServiceApp, type Logger, type ServiceApp } from '@shopmesh/platform';
import type { InventoryDeps } from './domain/ports';
import { reservationsRouter } from './routes/reservations';
import { stockRouter } from './routes/stock';

/** What the inventory app is built from. */
export interface InventoryAppDeps extends InventoryDeps {
  logger: Logger;
  ready?: () => Promise<boolean>;
}

/** Builds the inventory's Koa app; never listens. */
export function createApp(deps: InventoryAppDeps): ServiceApp {
  return createServiceApp({
    name: 'inventory',
    logger: deps.logger,
    routers: [stockRouter(deps), reservationsRouter(deps)],
    ready: deps.ready,
  });
}
