// Shared steps of the ShopMesh k6 scripts: the public API as a shopper's browser calls it.
import http from 'k6/http';
import { check, fail, sleep } from 'k6';

/** Base URL of the shop under test (`-e BASE_URL=http://localhost:8080`). */
export const BASE_URL = (__ENV.BASE_URL || 'http://localhost:8080').replace(/\/$/, '');
export const API = `${BASE_URL}/api/v1`;

/**
 * Latency thresholds, or in a smoke (`-e SMOKE=1`, what CI runs) only that the requests were made: a
 * smoke on a shared CI machine checks behaviour, never time.
 * @param {string[]} expressions
 */
export function latency(...expressions) {
  return __ENV.SMOKE ? ['count>0'] : expressions;
}

/** Test card the simulated processor approves. */
export const APPROVED_CARD = { cardNumber: '4242424242424242', expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: '123' };
export const ADDRESS = { name: 'Ada Lovelace', line1: '12 Analytical Row', city: 'London', postalCode: 'N1 9GU', country: 'GB' };

/**
 * JSON request parameters, tagged with a stable `name` so thresholds and summaries group by endpoint
 * rather than by every distinct URL.
 * @param {string} name
 * @param {string} [token]
 * @param {Record<string, string>} [headers]
 */
export function params(name, token, headers = {}) {
  /** @type {Record<string, string>} */
  const all = { 'content-type': 'application/json', ...headers };
  if (token) all.authorization = `Bearer ${token}`;
  return { headers: all, tags: { name } };
}

/** A fresh UUID (k6 has no crypto.randomUUID in every version, so it is built from Math.random). */
export function uuid() {
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}

/**
 * Signs in and returns the access token.
 * @param {string} email
 * @param {string} password
 */
export function login(email, password) {
  const res = http.post(`${API}/auth/login`, JSON.stringify({ email, password }), params('auth-login'));
  if (!check(res, { 'login: 200': (r) => r.status === 200 })) fail(`login of ${email} answered ${res.status}: ${res.body}`);
  return /** @type {string} */ (res.json('accessToken'));
}

/** Registers a new customer and returns their access token. */
export function newShopper() {
  const email = `k6-${uuid()}@example.com`;
  const password = 'Sh0pper!pass';
  const res = http.post(`${API}/auth/register`, JSON.stringify({ email, password, name: 'k6 shopper' }), params('auth-register'));
  if (!check(res, { 'register: 201': (r) => r.status === 201 || r.status === 200 })) fail(`register answered ${res.status}: ${res.body}`);
  return login(email, password);
}

/**
 * One page of the product list; returns the product ids on it.
 * @param {string} query e.g. `pageSize=20&page=2`
 * @returns {string[]}
 */
export function listProducts(query = 'pageSize=20') {
  const res = http.get(`${API}/products?${query}`, params('products-list'));
  check(res, { 'list: 200': (r) => r.status === 200 });
  if (res.status !== 200) return [];
  const items = /** @type {{ id: string }[]} */ (res.json('items'));
  return items.map((p) => p.id);
}

/**
 * One product page.
 * @param {string} id
 */
export function viewProduct(id) {
  const res = http.get(`${API}/products/${id}`, params('product-page'));
  check(res, { 'product: 200': (r) => r.status === 200 });
  return res;
}

/** The category slugs. @returns {string[]} */
export function categories() {
  const res = http.get(`${API}/categories`, params('categories'));
  check(res, { 'categories: 200': (r) => r.status === 200 });
  if (res.status !== 200) return [];
  return /** @type {{ slug: string }[]} */ (res.json('items')).map((c) => c.slug);
}

/**
 * Adds a product to the shopper's cart; answers the response (422 when sold out).
 * @param {string} token
 * @param {string} productId
 * @param {import('k6/http').Params['responseCallback']} [responseCallback]
 */
export function addToCart(token, productId, responseCallback) {
  return http.post(`${API}/cart/items`, JSON.stringify({ productId, quantity: 1 }), {
    ...params('cart-add', token),
    ...(responseCallback ? { responseCallback } : {}),
  });
}

/**
 * Places an order for the cart with an approved card; answers the response (202 with the order id).
 * @param {string} token
 * @param {import('k6/http').Params['responseCallback']} [responseCallback]
 */
export function placeOrder(token, responseCallback) {
  return http.post(`${API}/orders`, JSON.stringify({ shippingAddress: ADDRESS, payment: APPROVED_CARD }), {
    ...params('orders-place', token, { 'idempotency-key': uuid() }),
    ...(responseCallback ? { responseCallback } : {}),
  });
}

/**
 * Polls an order until it leaves PENDING; answers its final status, or PENDING when it did not settle in time.
 * @param {string} token
 * @param {string} orderId
 * @param {number} timeoutSeconds
 * @param {number} [intervalSeconds]
 */
export function waitSettled(token, orderId, timeoutSeconds, intervalSeconds = 0.1) {
  const until = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const res = http.get(`${API}/orders/${orderId}`, params('orders-get', token));
    const status = res.status === 200 ? /** @type {string} */ (res.json('status')) : 'PENDING';
    if (status !== 'PENDING' || Date.now() > until) return status;
    sleep(intervalSeconds);
  }
}

/**
 * handleSummary output: a short text on stdout and the whole summary as JSON in SUMMARY_DIR (default
 * the working directory), named after the script.
 * @param {string} name
 * @param {any} data
 */
export function summaryOutputs(name, data) {
  const dir = (__ENV.SUMMARY_DIR || '.').replace(/\/$/, '');
  const lines = [`${name}: ${data.state.testRunDurationMs.toFixed(0)} ms`];
  for (const [metric, entry] of Object.entries(data.metrics)) {
    const thresholds = /** @type {Record<string, { ok: boolean }> | undefined} */ (entry.thresholds);
    if (!thresholds) continue;
    for (const [expression, verdict] of Object.entries(thresholds)) lines.push(`  ${verdict.ok ? 'ok  ' : 'FAIL'} ${metric} ${expression}`);
  }
  return { stdout: `${lines.join('\n')}\n`, [`${dir}/${name}-summary.json`]: JSON.stringify(data, null, 2) };
}
