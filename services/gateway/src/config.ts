import { z } from 'zod';
import { env } from '@shopmesh/platform';

const int = (fallback: number, min: number) => z.coerce.number().int().min(min).default(fallback);

/** Gateway settings, read from the environment at start-up. Budgets are requests per minute. */
export const GatewayConfig = z.object({
  RATE_LIMIT_IP_PER_MINUTE: int(600, 1),
  RATE_LIMIT_USER_PER_MINUTE: int(300, 1),
  /** Login attempts per client IP; tighter than the general budget to slow password guessing. */
  RATE_LIMIT_LOGIN_PER_MINUTE: int(20, 1),
  /** Sign-ups per client IP. */
  RATE_LIMIT_SIGNUP_PER_MINUTE: int(10, 1),
  /** Comma-separated origins allowed to call the API from a browser; `*` allows any. */
  GATEWAY_CORS_ORIGINS: z
    .string()
    .default('http://localhost:5173')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** How many proxies in front of the gateway append to X-Forwarded-For (the ingress: 1); 0 trusts none. */
  GATEWAY_TRUST_PROXY_HOPS: int(0, 0),
  GATEWAY_BODY_LIMIT_BYTES: int(1024 * 1024, 1),
  /** Storefront build to serve outside /api (embedded mode); defaults to the repository's web/dist when it exists. */
  WEB_DIST_DIR: z.string().optional(),
  /**
   * How long the edge keeps an anonymous catalog read (product changes empty it sooner). Off (0) unless
   * set: cached lists show `available` up to this old, and stock moves through orders change no product.
   */
  GATEWAY_EDGE_CACHE_TTL_MS: int(0, 0),
  GATEWAY_EDGE_CACHE_MAX_ENTRIES: int(2000, 1),
  /** Notification streams one user may hold open at a gateway replica; one more closes their oldest. */
  GATEWAY_SSE_STREAMS_PER_USER: int(5, 1),
  /** Placing an order needs a confirmed e-mail address (the token's email_verified claim). */
  CHECKOUT_REQUIRES_VERIFIED_EMAIL: env.bool(false),
});
export type GatewayConfig = z.infer<typeof GatewayConfig>;

/** The edge policy `createApp` takes from the config: rate budgets, CORS, proxy hops and body limit. */
export function edgePolicy(config: GatewayConfig) {
  return {
    rateLimits: {
      ipPerMinute: config.RATE_LIMIT_IP_PER_MINUTE,
      userPerMinute: config.RATE_LIMIT_USER_PER_MINUTE,
      loginPerMinute: config.RATE_LIMIT_LOGIN_PER_MINUTE,
      signupPerMinute: config.RATE_LIMIT_SIGNUP_PER_MINUTE,
    },
    corsOrigins: config.GATEWAY_CORS_ORIGINS,
    trustProxyHops: config.GATEWAY_TRUST_PROXY_HOPS,
    bodyLimitBytes: config.GATEWAY_BODY_LIMIT_BYTES,
  };
}
