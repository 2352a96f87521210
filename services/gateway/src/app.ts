import { createServiceApp, type Invoker, type Logger, type ServiceApp, type TokenVerifier } from '@shopmesh/platform';
import { cors } from './middleware/cors';
import { edgeAuth } from './middleware/edge-auth';
import { edgeCache, type EdgeCache } from './middleware/edge-cache';
import { ipRateLimit, userRateLimit, type RateLimitSettings } from './middleware/rate-limit';
import { noStoreForPersonal, requestHygiene } from './middleware/request-hygiene';
import { securityHeaders } from './middleware/security-headers';
import { staticWeb } from './middleware/static-web';
import { verifiedCheckout } from './middleware/verified-checkout';
import { queryTokenFor } from './middleware/sse-token';
import type { RateLimiter } from './db/rate-limiter';
import { deadLetterAdminRouter } from './routes/dead-letters';
import { openapiRouter } from './routes/openapi';
import { proxyRouter } from './routes/proxy';
import { NOTIFICATION_STREAM_PATH, streamRouter } from './routes/stream';
import type { OpenStream } from './clients/stream';

const DEFAULT_STREAMS_PER_USER = 5;

/** What the gateway app is built from. */
export interface GatewayAppDeps {
  logger: Logger;
  verifier: TokenVerifier;
  invoke: Invoker;
  openStream: OpenStream;
  limiter: RateLimiter;
  rateLimits: RateLimitSettings;
  corsOrigins: readonly string[];
  /** Proxies in front of the gateway whose X-Forwarded-For entries are trusted for the client IP. */
  trustProxyHops: number;
  bodyLimitBytes: number;
  /** Storefront build served outside /api; none in deployments where the storefront has its own image. */
  webDistDir?: string;
  /** Event streams one user may hold open at once (the oldest is closed beyond it); 5 unless set. */
  streamsPerUser?: number;
  /** Answers anonymous catalog reads at the edge; without it every request goes to the catalog. */
  edgeCache?: EdgeCache;
  /** Checkout needs a confirmed e-mail address (off unless set). */
  checkoutRequiresVerifiedEmail?: boolean;
}

/** Builds the gateway's Koa app; never listens. */
export function createApp(deps: GatewayAppDeps): ServiceApp {
  const app = createServiceApp({
    name: 'gateway',
    logger: deps.logger,
    parseBodies: false,
    middleware: [
      securityHeaders(),
      // Before the rate limits: a page load's dozen asset requests must not spend the API budget.
      ...(deps.webDistDir ? [staticWeb(deps.webDistDir)] : []),
      cors(deps.corsOrigins),
      requestHygiene(),
      noStoreForPersonal(),
      // Before the rate limiter: a cached anonymous read costs no service work, so it spends no budget.
      ...(deps.edgeCache ? [edgeCache(deps.edgeCache)] : []),
      ipRateLimit(deps.limiter, deps.rateLimits),
      queryTokenFor(NOTIFICATION_STREAM_PATH),
      edgeAuth(deps.verifier),
      userRateLimit(deps.limiter, deps.rateLimits),
      verifiedCheckout(deps.checkoutRequiresVerifiedEmail ?? false),
    ],
    routers: [
      openapiRouter(),
      deadLetterAdminRouter(deps),
      streamRouter({ openStream: deps.openStream, streamsPerUser: deps.streamsPerUser ?? DEFAULT_STREAMS_PER_USER }),
    ],
    // The services say which methods a path allows (Allow on their 405s and OPTIONS); the proxy passes it on.
    passthroughRouters: [proxyRouter(deps)],
  });
  app.proxy = deps.trustProxyHops > 0;
  app.maxIpsCount = deps.trustProxyHops;
  return app;
}
