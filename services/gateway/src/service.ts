import { resolve } from 'node:path';
import { defineService } from '@shopmesh/platform';
import { createApp } from './app';
import { edgePolicy, GatewayConfig } from './config';
import { createStateRateLimiter } from './db/rate-limiter';
import { gatewaySubscriptions } from './events/subscriptions';
import { EdgeCache } from './middleware/edge-cache';
import { hasWebBuild } from './middleware/static-web';

/** Where `npm start` builds the storefront: web/dist of this repository. */
const REPO_WEB_DIST = resolve(__dirname, '../../../web/dist');

/** The edge: token check, rate limits, CORS, security headers, routing by service invocation. */
export const gatewayService = defineService({
  name: 'gateway',
  config: GatewayConfig,
  async create({ config, runtime, logger, clock, verifier }) {
    const cache = new EdgeCache({ ttlMs: config.GATEWAY_EDGE_CACHE_TTL_MS, maxEntries: config.GATEWAY_EDGE_CACHE_MAX_ENTRIES });
    const app = createApp({
      logger,
      verifier,
      invoke: runtime.invoke,
      openStream: (appId, path, headers) => runtime.invoke.stream(appId, { method: 'GET', path, headers }),
      limiter: createStateRateLimiter(runtime.state, clock, logger),
      ...edgePolicy(config),
      ...webDist(config.WEB_DIST_DIR),
      edgeCache: cache,
      streamsPerUser: config.GATEWAY_SSE_STREAMS_PER_USER,
      checkoutRequiresVerifiedEmail: config.CHECKOUT_REQUIRES_VERIFIED_EMAIL,
    });
    return { app, subscriptions: gatewaySubscriptions(cache) };
  },
});

function webDist(configured: string | undefined): { webDistDir?: string } {
  const dir = configured ?? REPO_WEB_DIST;
  return hasWebBuild(dir) ? { webDistDir: dir } : {};
}
