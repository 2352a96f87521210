import { randomUUID } from 'node:crypto';
import { ApiClient } from '../api-client';
import { shopUnderTest, type ShopUnderTest, SHOP_START_TIMEOUT_MS } from '../shop-under-test';

let shop: ShopUnderTest;
let anonymous: ApiClient;

beforeAll(async () => {
  shop = await shopUnderTest();
  anonymous = new ApiClient(() => shop.api());
}, SHOP_START_TIMEOUT_MS);
afterAll(() => shop.close());

interface Operation {
  security?: unknown[];
}
type OpenApiDocument = { servers: { url: string }[]; paths: Record<string, Record<string, Operation>> };

// A value of the right shape for each path parameter; the resources need not exist (a 404 naming the
// resource is an answer from a route), only the route must.
const sample = (name: string) => (name === 'slug' ? 'no-such-category' : randomUUID());

/** A 404 or 405 no handler gave: the gateway's unknown prefix, a service's "No route", or a method no router serves. */
const isNoRoute = (status: number, body: string) => status === 405 || (status === 404 && /No route for|^Route .* not found|"Route [^"]* not found/.test(body));

describe('the OpenAPI document lists only operations that exist', () => {
  it('when every operation of the document is called, then none answers "no route"', async () => {
    const base = shop.api();
    const document = (await (await fetch(base.replace(/\/v1$/, '/openapi.json'))).json()) as OpenApiDocument;
    const token = (await anonymous.post('/auth/login', { email: 'admin@example.com', password: 'Admin@123' })).body.accessToken as string;
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(20);

    const missing: string[] = [];
    for (const { path, method, op } of operations) {
      const concrete = path.replace(/\{([^}]+)\}/g, (_, name: string) => sample(name));
      const abort = new AbortController();
      const response = await fetch(`${base}${concrete}`, {
        method: method.toUpperCase(),
        headers: { 'content-type': 'application/json', ...(op.security?.length ? { authorization: `Bearer ${token}` } : {}) },
        ...(method === 'get' || method === 'delete' ? {} : { body: '{}' }),
        signal: abort.signal,
      });
      // Only a 404/405 body is read: a stream (the SSE endpoint) is dropped once its headers arrived.
      const body = response.status === 404 || response.status === 405 ? await response.text() : '';
      abort.abort();
      if (isNoRoute(response.status, body)) missing.push(`${method.toUpperCase()} ${path}: ${response.status} ${body}`);
    }

    expect(missing).toEqual([]);
  });
});
