// A shopper filling and editing a cart: add, change quantity, read, remove.
// `k6 run loadtests/cart.js -e BASE_URL=http://localhost:8080`
import http from 'k6/http';
import { check, group, sleep } from 'k6';
import { API, addToCart, listProducts, newShopper, params, summaryOutputs, latency } from './lib/shop.js';

export const options = {
  scenarios: {
    cart: { executor: 'constant-vus', vus: Number(__ENV.VUS || 20), duration: __ENV.DURATION || '2m', tags: { flow: 'cart' } },
  },
  thresholds: {
    'http_req_failed{scenario:cart}': ['rate<0.01'],
    'http_req_duration{scenario:cart}': latency('p(95)<400'),
    checks: ['rate>0.99'],
  },
};

export function setup() {
  return { products: listProducts('pageSize=20&sort=price_asc') };
}

/** @param {{ products: string[] }} data */
export default function (data) {
  const token = newShopper();
  const [first, second] = data.products;
  if (!first || !second) throw new Error('the shop lists fewer than two products');
  group('fill', () => {
    check(addToCart(token, first), { 'add: 200': (r) => r.status === 200 });
    check(addToCart(token, second), { 'add second: 200': (r) => r.status === 200 });
    const patched = http.patch(`${API}/cart/items/${first}`, JSON.stringify({ quantity: 2 }), params('cart-patch', token));
    check(patched, { 'patch: 200': (r) => r.status === 200 });
  });
  group('review', () => {
    const cart = http.get(`${API}/cart`, params('cart-get', token));
    check(cart, { 'cart: two lines': (r) => /** @type {unknown[]} */ (r.json('lines')).length === 2 });
    const removed = http.del(`${API}/cart/items/${second}`, null, params('cart-remove', token));
    check(removed, { 'remove: 200': (r) => r.status === 200 });
  });
  sleep(Number(__ENV.THINK_SECONDS || 0.5));
}

/** @param {any} data */
export function handleSummary(data) {
  return summaryOutputs('cart', data);
}
