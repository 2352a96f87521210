import { randomUUID } from 'node:crypto';
import http from 'node:http';

/** Keep-alive connections for the bench's own shoppers; no client is built per call. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

/** A JSON response and how long it took. */
export interface Reply<T = any> {
  status: number;
  body: T;
  ms: number;
}

/** One JSON request to the shop's public API. */
export function call<T = any>(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method, agent, headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // A non-JSON answer (an HTML error page) is kept as text for the error message.
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as T, ms: performance.now() - started });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const APPROVED_CARD = { cardNumber: '4242424242424242', expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: '123' };
const ADDRESS = { name: 'Ada Lovelace', line1: '12 Analytical Row', city: 'London', postalCode: 'N1 9GU', country: 'GB' };

function expect(reply: Reply, ok: number[], what: string): Reply {
  if (!ok.includes(reply.status)) throw new Error(`${what} answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 300)}`);
  return reply;
}

/** Signs in; answers the access token. */
export async function login(api: string, email: string, password: string): Promise<string> {
  return expect(await call(api, 'POST', '/auth/login', { email, password }), [200], 'login').body.accessToken as string;
}

/** Registers a fresh customer; answers their access token. */
export async function newShopper(api: string): Promise<string> {
  const email = `bench-${randomUUID()}@example.com`;
  expect(await call(api, 'POST', '/auth/register', { email, password: 'Sh0pper!pass', name: 'bench shopper' }), [200, 201], 'register');
  return login(api, email, 'Sh0pper!pass');
}

/** Adds one unit to the cart; answers the status (422 insufficient-stock once none is left to add). */
export async function addToCart(api: string, token: string, productId: string): Promise<number> {
  return expect(await call(api, 'POST', '/cart/items', { productId, quantity: 1 }, bearer(token)), [200, 201, 422], 'add to cart').status;
}

/** Places an order with an approved card; answers the reply (202 with the order id, 409 out-of-stock when sold out). */
export async function placeOrder(api: string, token: string): Promise<Reply<{ id: string; status: string }>> {
  return expect(
    await call(api, 'POST', '/orders', { shippingAddress: ADDRESS, payment: APPROVED_CARD }, { ...bearer(token), 'idempotency-key': randomUUID() }),
    [202, 409],
    'place order',
  );
}

/**
 * Polls an order until it leaves PENDING or the deadline passes; answers its last status. Every 100 ms,
 * as loadtests/checkout.js does (the storefront polls every second and listens on SSE): 50 buyers
 * polling every 20 ms measured their own polling as much as the shop.
 */
export async function waitSettled(api: string, token: string, orderId: string, deadline: number, intervalMs = 100): Promise<string> {
  for (;;) {
    const reply = await call(api, 'GET', `/orders/${orderId}`, undefined, bearer(token));
    const status = reply.status === 200 ? (reply.body.status as string) : 'PENDING';
    if (status !== 'PENDING' || Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Runs `fn` over items with at most `limit` at a time. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!, i);
      }
    }),
  );
  return results;
}
