import { z } from 'zod';

const int = (fallback: number, min: number) => z.coerce.number().int().min(min).default(fallback);

/** Identity settings, read from the environment at start-up; tests shorten the lockout with them. */
export const IdentityConfig = z.object({
  IDENTITY_ACCESS_TOKEN_TTL_SECONDS: int(900, 30),
  IDENTITY_REFRESH_TOKEN_TTL_DAYS: int(30, 1),
  IDENTITY_LOCKOUT_MAX_ATTEMPTS: int(5, 1),
  IDENTITY_LOCKOUT_WINDOW_SECONDS: int(900, 1),
  IDENTITY_LOCKOUT_DURATION_SECONDS: int(900, 1),
});
export type IdentityConfig = z.infer<typeof IdentityConfig>;
