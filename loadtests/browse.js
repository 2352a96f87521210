// Browsing weighted like a shop's real traffic: mostly product lists and product pages, some search,
// a few checkouts. `k6 run loadtests/browse.js -e BASE_URL=http://localhost:8080`
import http from 'k6/http';
import { group, sleep } from 'k6';
import { API, addToCart, categories, listProducts, newShopper, params, placeOrder, summaryOutputs, viewProduct, waitSettled, latency } from './lib/shop.js';

const VUS = Number(__ENV.VUS || 50);

export const options = {
  scenarios: {
    browse: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: '30s', target: VUS },
        { duration: '3m', target: VUS },
        { duration: '30s', target: 0 },
      ],
      tags: { flow: 'browse' },
    },
  },
  thresholds: {
    'http_req_failed{scenario:browse}': ['rate<0.01'],
    'http_req_duration{scenario:browse}': latency('p(95)<500', 'p(99)<1500'),
    'http_req_duration{name:products-list}': latency('p(95)<300'),
    'http_req_duration{name:product-page}': latency('p(95)<300'),
    checks: ['rate>0.99'],
  },
};

const WORDS = ['lamp', 'chair', 'desk', 'mug', 'shirt', 'bag', 'pen', 'book', 'light', 'wood'];

/** @param {string[]} values */
const pick = (values) => values[Math.floor(Math.random() * values.length)];

export function setup() {
  return { slugs: categories() };
}

// The mix of 20 page views: 11 product lists, 6 product pages, 2 searches, 1 checkout. Each VU starts at
// another slot, so even a few iterations cover every kind.
const MIX = [
  'list',
  'product',
  'list',
  'list',
  'search',
  'product',
  'list',
  'list',
  'product',
  'list',
  'checkout',
  'list',
  'product',
  'list',
  'search',
  'product',
  'list',
  'list',
  'product',
  'list',
];

/** @param {{ slugs: string[] }} data */
export default function (data) {
  const kind = MIX[(__ITER + __VU * 10) % MIX.length];
  if (kind === 'list') {
    group('list', () => {
      const slug = data.slugs.length && Math.random() < 0.5 ? `&category=${pick(data.slugs)}` : '';
      listProducts(`pageSize=20&page=${1 + Math.floor(Math.random() * 3)}${slug}`);
    });
  } else if (kind === 'product') {
    group('product', () => {
      const ids = listProducts('pageSize=20');
      if (ids.length) viewProduct(pick(ids));
    });
  } else if (kind === 'search') {
    group('search', () => {
      http.get(`${API}/products?q=${pick(WORDS)}&pageSize=20`, params('products-search'));
    });
  } else {
    group('checkout', () => {
      const ids = listProducts('pageSize=20&sort=price_asc');
      if (!ids.length) return;
      // One shopper per checkout: VUs sharing a cart would conflict, which real shoppers never do.
      const token = newShopper();
      addToCart(token, pick(ids));
      const order = placeOrder(token);
      if (order.status === 202) waitSettled(token, /** @type {string} */ (order.json('id')), 30, 0.25);
    });
  }
  sleep(Number(__ENV.THINK_SECONDS || 1));
}

/** @param {any} data */
export function handleSummary(data) {
  return summaryOutputs('browse', data);
}
