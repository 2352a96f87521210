import { GATEWAY_PATHS, normalizePath, publicLocation, resolveRoute } from './route-table';
import { API_OPERATIONS } from './api-operations';

describe('resolving a public path', () => {
  it.each([
    ['/auth/login', 'identity'],
    ['/me', 'identity'],
    ['/me/addresses/1', 'identity'],
    ['/products', 'catalog'],
    ['/products/abc/related', 'catalog'],
    ['/categories/lamps', 'catalog'],
    ['/sellers/abc', 'catalog'],
    ['/seller/products/abc/stock', 'catalog'],
    ['/seller/orders', 'orders'],
    ['/orders/abc/cancel', 'orders'],
    ['/cart/items/abc', 'cart'],
    ['/notifications/stream', 'notifications'],
  ])('when the path is %s, then it goes to %s with the same path', (path, appId) => {
    expect(resolveRoute(path)).toEqual({ appId, path });
  });

  it.each(['/internal/stock/lookup', '/internal', '/seller', '/productsx', '/', '/api/v1/products', '//internal/x'])(
    'when the path is %s, then no route serves it',
    (path) => {
      expect(resolveRoute(path)).toBeUndefined();
    },
  );

  it.each([
    '/products/../internal/stock',
    '/products/%2e%2e/internal/stock',
    '/products/.%2E/internal/x',
    '/products\\..\\internal\\x',
    '/cart/./../internal/carts/1',
  ])('when %s climbs out with dot segments, then it is resolved first and refused', (path) => {
    expect(resolveRoute(path)).toBeUndefined();
  });

  it('when harmless dot segments stay inside a route, then the normalized path is forwarded', () => {
    expect(resolveRoute('/orders/./abc/../def')).toEqual({ appId: 'orders', path: '/orders/def' });
  });

  it('when a path is normalized, then a leading double slash stays part of the path', () => {
    expect(normalizePath('//internal/x')).toBe('//internal/x');
  });
});

describe('rewriting a Location', () => {
  it('when a service answers a relative Location, then the client gets the public one', () => {
    expect(publicLocation('/orders/1')).toBe('/api/v1/orders/1');
  });

  it('when the Location is absolute or public already, then it is kept', () => {
    expect(publicLocation('https://example.com/x')).toBe('https://example.com/x');
    expect(publicLocation('/api/v1/orders/1')).toBe('/api/v1/orders/1');
  });
});

describe('the route table and the OpenAPI document', () => {
  it('when the document lists an operation, then the route table sends its path to a service, or the gateway answers it', () => {
    const ownPath = (path: string) => GATEWAY_PATHS.some((own) => path === own || path.startsWith(`${own}/`));
    const unrouted = API_OPERATIONS.filter((op) => !ownPath(op.path) && !resolveRoute(op.path.replace(/:([A-Za-z]+)/g, 'x')));

    expect(unrouted.map((op) => `${op.method} ${op.path}`)).toEqual([]);
  });
});
