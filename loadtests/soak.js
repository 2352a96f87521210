// A soak: modest, steady browse + checkout traffic for a long time, to catch leaks and slow drift.
// `k6 run loadtests/soak.js -e BASE_URL=http://localhost:8080 -e DURATION=2h`
import { sleep } from 'k6';
import { Trend } from 'k6/metrics';
import { addToCart, listProducts, newShopper, placeOrder, summaryOutputs, viewProduct, waitSettled, latency } from './lib/shop.js';

const settled = new Trend('soak_placed_to_settled', true);

export const options = {
  scenarios: {
    soak_browse: { executor: 'constant-vus', vus: Number(__ENV.VUS || 10), duration: __ENV.DURATION || '1h', exec: 'browse', tags: { flow: 'soak' } },
    soak_checkout: {
      executor: 'constant-arrival-rate',
      rate: 1,
      timeUnit: '1s',
      duration: __ENV.DURATION || '1h',
      preAllocatedVUs: 5,
      exec: 'checkout',
      tags: { flow: 'soak' },
    },
  },
  thresholds: {
    'http_req_failed{scenario:soak_browse}': ['rate<0.001'],
    'http_req_duration{scenario:soak_browse}': latency('p(99)<1000'),
    'http_req_failed{scenario:soak_checkout}': ['rate<0.001'],
    'http_req_duration{scenario:soak_checkout}': latency('p(99)<2000'),
  },
};

export function setup() {
  return { products: listProducts('pageSize=20&sort=price_asc') };
}

export function browse() {
  const ids = listProducts(`pageSize=20&page=${1 + (__ITER % 3)}`);
  const id = ids[__ITER % Math.max(1, ids.length)];
  if (id) viewProduct(id);
  sleep(Number(__ENV.THINK_SECONDS || 1));
}

/** @param {{ products: string[] }} data */
export function checkout(data) {
  const product = data.products[__ITER % data.products.length];
  if (!product) throw new Error('the shop lists no products');
  const token = newShopper();
  addToCart(token, product);
  const started = Date.now();
  const order = placeOrder(token);
  if (order.status === 202) {
    waitSettled(token, /** @type {string} */ (order.json('id')), 30, 0.25);
    settled.add(Date.now() - started);
  }
}

/** @param {any} data */
export function handleSummary(data) {
  return summaryOutputs('soak', data);
}
