import { z } from 'zod';

const int = (fallback: number, min: number) => z.coerce.number().int().min(min).default(fallback);

/** Identity settings, read from the environment at start-up; tests shorten the login delays with them. */
export const IdentityConfig = z.object({
  IDENTITY_ACCESS_TOKEN_TTL_SECONDS: int(900, 30),
  IDENTITY_REFRESH_TOKEN_TTL_DAYS: int(30, 1),
  /** Failed logins one (account, client IP) pair may make before its attempts are delayed. */
  IDENTITY_LOGIN_FREE_FAILURES: int(5, 0),
  /** The first delay; it doubles with each further failure up to the maximum. */
  IDENTITY_LOGIN_BASE_DELAY_SECONDS: int(1, 1),
  IDENTITY_LOGIN_MAX_DELAY_SECONDS: int(900, 1),
  IDENTITY_LOGIN_FORGET_AFTER_SECONDS: int(86_400, 1),
  /** Login attempts per account from all addresses together, per window. */
  IDENTITY_LOGIN_ACCOUNT_CEILING: int(100, 1),
  IDENTITY_LOGIN_ACCOUNT_WINDOW_SECONDS: int(3600, 1),
  /** How long a mailed password-reset link works. */
  IDENTITY_PASSWORD_RESET_TTL_MINUTES: int(30, 1),
  IDENTITY_VERIFY_EMAIL_TTL_HOURS: int(48, 1),
  /** The storefront's address; links in identity's mail point there. */
  SHOPMESH_PUBLIC_URL: z.url().default('http://localhost:8080'),
});
export type IdentityConfig = z.infer<typeof IdentityConfig>;
