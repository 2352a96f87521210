// Buyers looping add-to-cart -> POST /orders -> poll until the saga settles, the shop's hottest write path.
// `k6 run loadtests/checkout.js -e BASE_URL=http://localhost:8080 -e VUS=50`
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import { addToCart, listProducts, newShopper, placeOrder, summaryOutputs, waitSettled, latency } from './lib/shop.js';

const placedToSettled = new Trend('checkout_placed_to_settled', true);
const confirmed = new Counter('checkout_confirmed');
const unsettled = new Counter('checkout_unsettled');

export const options = {
  scenarios: {
    checkout: { executor: 'constant-vus', vus: Number(__ENV.VUS || 50), duration: __ENV.DURATION || '2m', tags: { flow: 'checkout' } },
  },
  thresholds: {
    'http_req_failed{scenario:checkout}': ['rate<0.01'],
    'http_req_duration{scenario:checkout}': latency('p(95)<500'),
    'http_req_duration{name:orders-place}': latency('p(95)<1000'),
    checkout_placed_to_settled: latency('p(95)<10000'),
    checkout_confirmed: ['count>0'],
    checkout_unsettled: ['count==0'],
    checks: ['rate>0.99'],
  },
};

export function setup() {
  // The cheapest products: plenty of seeded stock, so orders confirm rather than sell out.
  return { products: listProducts('pageSize=20&sort=price_asc') };
}

/** @param {{ products: string[] }} data */
export default function (data) {
  const token = newShopper();
  const product = data.products[(__VU + __ITER) % data.products.length];
  if (!product) throw new Error('the shop lists no products');
  check(addToCart(token, product), { 'add: 200': (r) => r.status === 200 });
  const started = Date.now();
  const order = placeOrder(token);
  if (!check(order, { 'order: 202': (r) => r.status === 202 })) return;
  const status = waitSettled(token, /** @type {string} */ (order.json('id')), 30);
  placedToSettled.add(Date.now() - started);
  if (status === 'CONFIRMED') confirmed.add(1);
  if (status === 'PENDING') unsettled.add(1);
  check(status, { 'order: confirmed': (s) => s === 'CONFIRMED' });
}

/** @param {any} data */
export function handleSummary(data) {
  return summaryOutputs('checkout', data);
}
