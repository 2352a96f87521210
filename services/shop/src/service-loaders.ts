import type { AppId, ServiceDefinition } from '@shopmesh/platform';

/**
 * The shop's services in seed order (a service seeds after those its seed calls: catalog sets stock in
 * inventory), each loaded only when asked for: a process of `npm start -- --processes` loads its one
 * service, not the whole shop.
 */
export const SERVICE_LOADERS: [AppId, () => Promise<ServiceDefinition<any>>][] = [
  ['identity', async () => (await import('@shopmesh/identity')).identityService],
  ['inventory', async () => (await import('@shopmesh/inventory')).inventoryService],
  ['embeddings', async () => (await import('@shopmesh/embeddings')).embeddingsService],
  ['catalog', async () => (await import('@shopmesh/catalog')).catalogService],
  ['cart', async () => (await import('@shopmesh/cart')).cartService],
  ['payments', async () => (await import('@shopmesh/payments')).paymentsService],
  ['orders', async () => (await import('@shopmesh/orders')).ordersService],
  ['notifications', async () => (await import('@shopmesh/notifications')).notificationsService],
  ['gateway', async () => (await import('@shopmesh/gateway')).gatewayService],
];

/** App ids in seed order. */
export const SERVICE_NAMES: AppId[] = SERVICE_LOADERS.map(([name]) => name);

/** The definition of one service, loading only its package. */
export function loadService(appId: AppId): Promise<ServiceDefinition<any>> {
  const entry = SERVICE_LOADERS.find(([name]) => name === appId);
  if (!entry) return Promise.reject(new Error(`no service named ${appId}`));
  return entry[1]();
}

/** Every service's definition, in seed order (the single-process host and the shop's tests). */
export function loadAllServices(): Promise<ServiceDefinition<any>[]> {
  return Promise.all(SERVICE_LOADERS.map(([, load]) => load()));
}
