// Keyword search with a distinct query every request, so no cache can answer it.
// `k6 run loadtests/search.js -e BASE_URL=http://localhost:8080`
import http from 'k6/http';
import { check } from 'k6';
import { API, params, summaryOutputs, latency } from './lib/shop.js';

export const options = {
  scenarios: {
    search: { executor: 'constant-vus', vus: Number(__ENV.VUS || 16), duration: __ENV.DURATION || '1m', tags: { flow: 'search' } },
  },
  thresholds: {
    'http_req_failed{scenario:search}': ['rate<0.01'],
    'http_req_duration{scenario:search}': latency('p(95)<800'),
    checks: ['rate>0.99'],
  },
};

const WORDS = ['lamp', 'chair', 'desk', 'mug', 'shirt', 'bag', 'pen', 'book', 'light', 'wood', 'oak', 'steel', 'cotton', 'blue'];

export default function () {
  // A known word plus a unique suffix word: the same work per request as a real query, never the same URL.
  const q = `${WORDS[Math.floor(Math.random() * WORDS.length)]} ${__VU}x${__ITER}x${Math.floor(Math.random() * 1e6)}`;
  const res = http.get(`${API}/products?q=${encodeURIComponent(q)}&mode=keyword&pageSize=20`, params('products-search'));
  check(res, { 'search: 200': (r) => r.status === 200, 'search: has items array': (r) => Array.isArray(r.json('items')) });
}

/** @param {any} data */
export function handleSummary(data) {
  return summaryOutputs('search', data);
}
