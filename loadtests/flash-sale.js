// A flash sale: BUYERS shoppers at once for STOCK units of one product. Exactly STOCK orders may be
// CONFIRMED; every other buyer is told it sold out, by the cart (422 insufficient-stock, once none is left
// to add) or when placing the order (409 out-of-stock; no order is made); none stays PENDING. Buyers poll
// their order every second, as the storefront does.
// `k6 run loadtests/flash-sale.js -e BASE_URL=http://localhost:8080 -e BUYERS=500 -e STOCK=50`
import http from 'k6/http';
import { check, fail } from 'k6';
import { Counter } from 'k6/metrics';
import { API, addToCart, login, newShopper, params, placeOrder, summaryOutputs, waitSettled, latency } from './lib/shop.js';

const BUYERS = Number(__ENV.BUYERS || 500);
const STOCK = Number(__ENV.STOCK || 50);

const confirmed = new Counter('flash_confirmed');
const cancelled = new Counter('flash_cancelled');
const soldOut = new Counter('flash_sold_out');
const pending = new Counter('flash_pending');

// A sold-out answer is an expected outcome of a flash sale, not an error: the cart's 422, the order's 409.
const soldOutAtCart = http.expectedStatuses({ min: 200, max: 399 }, 422);
const soldOutAtOrder = http.expectedStatuses({ min: 200, max: 399 }, 409);

export const options = {
  setupTimeout: '120s',
  scenarios: {
    flash_sale: { executor: 'per-vu-iterations', vus: BUYERS, iterations: 1, maxDuration: '2m', tags: { flow: 'flash-sale' } },
  },
  thresholds: {
    'http_req_failed{scenario:flash_sale}': ['rate==0'],
    'http_req_duration{scenario:flash_sale}': latency('p(95)<2000'),
    flash_confirmed: [`count==${Math.min(STOCK, BUYERS)}`],
    flash_sold_out: [`count==${Math.max(BUYERS - STOCK, 0)}`],
    flash_pending: ['count==0'],
  },
};

export function setup() {
  const seller = login('seller@example.com', 'Seller@123');
  const res = http.get(`${API}/seller/products?pageSize=1`, params('seller-products', seller));
  const product = /** @type {string | undefined} */ (res.json('items.0.id'));
  if (!product) fail(`the seller has no product: ${res.status} ${res.body}`);
  const stock = http.put(`${API}/seller/products/${product}/stock`, JSON.stringify({ quantity: STOCK }), params('seller-stock', seller));
  if (!check(stock, { 'stock set': (r) => r.status === 200 })) fail(`setting stock answered ${stock.status}: ${stock.body}`);
  return { product };
}

/** @param {{ product: string }} data */
export default function (data) {
  const token = newShopper();
  const added = addToCart(token, data.product, soldOutAtCart);
  if (added.status === 422 && added.json('code') === 'insufficient-stock') {
    soldOut.add(1);
    return;
  }
  if (!check(added, { 'cart: added': (r) => r.status === 200 || r.status === 201 })) return;
  const order = placeOrder(token, soldOutAtOrder);
  if (order.status === 409 && order.json('code') === 'out-of-stock') {
    soldOut.add(1);
    return;
  }
  if (!check(order, { 'order: 202': (r) => r.status === 202 })) return;
  const status = waitSettled(token, /** @type {string} */ (order.json('id')), 30, 1);
  if (status === 'CONFIRMED') confirmed.add(1);
  else if (status === 'CANCELLED') cancelled.add(1);
  else pending.add(1);
}

/** @param {any} data */
export function handleSummary(data) {
  return summaryOutputs('flash-sale', data);
}
