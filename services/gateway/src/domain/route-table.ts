import type { AppId } from '@shopmesh/platform';

/** The public API's prefix; it is stripped before a request is forwarded. */
export const API_PREFIX = '/api/v1';

/** A public path prefix and the app that serves it. */
export interface RouteEntry {
  prefix: string;
  appId: AppId;
}

/** Where each public path goes. The longest matching prefix wins (`/seller/orders` before `/seller`). */
export const ROUTE_TABLE: readonly RouteEntry[] = [
  { prefix: '/auth', appId: 'identity' },
  { prefix: '/me', appId: 'identity' },
  { prefix: '/products', appId: 'catalog' },
  { prefix: '/categories', appId: 'catalog' },
  { prefix: '/sellers', appId: 'catalog' },
  { prefix: '/seller/products', appId: 'catalog' },
  { prefix: '/seller/orders', appId: 'orders' },
  { prefix: '/orders', appId: 'orders' },
  { prefix: '/cart', appId: 'cart' },
  { prefix: '/notifications', appId: 'notifications' },
  { prefix: '/admin/mail', appId: 'notifications' },
  { prefix: '/seller/promo-codes', appId: 'cart' },
  { prefix: '/admin/promo-codes', appId: 'cart' },
];

/** The ops view of the bus, which the gateway answers itself from every service's dead letters. */
export const DEAD_LETTERS_PATH = '/admin/dead-letters';

/** Public paths the gateway answers itself instead of forwarding them. */
export const GATEWAY_PATHS: readonly string[] = [DEAD_LETTERS_PATH];

/** Where a public request is forwarded: the app and the path it sees. */
export interface RouteTarget {
  appId: AppId;
  path: string;
}

/**
 * Resolves the service path (what follows /api/v1) the way the HTTP client that forwards it will
 * read it: dot segments (also percent-encoded or with backslashes) are resolved first, so
 * `/products/../internal/...` can never slip through to an internal endpoint.
 */
export function normalizePath(path: string): string {
  return new URL(`http://gateway.invalid${path.startsWith('/') ? path : `/${path}`}`).pathname;
}

const matches = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** The target of a service path, or undefined when no public route serves it (always for /internal). */
export function resolveRoute(servicePath: string, table: readonly RouteEntry[] = ROUTE_TABLE): RouteTarget | undefined {
  const path = normalizePath(servicePath);
  if (matches(path, '/internal')) return undefined;
  let best: RouteEntry | undefined;
  for (const entry of table) {
    if (matches(path, entry.prefix) && (!best || entry.prefix.length > best.prefix.length)) best = entry;
  }
  return best && { appId: best.appId, path };
}

/** A callee's relative Location, rewritten to the public path the client can follow. */
export function publicLocation(location: string): string {
  return location.startsWith('/') && !location.startsWith('//') && !location.startsWith(`${API_PREFIX}/`) ? `${API_PREFIX}${location}` : location;
}
