import type { RefreshTokenRow } from './ports';

/**
 * What a presented refresh token is worth: `valid` may be rotated; `reused` was already exchanged
 * once, which means it leaked, so its whole family must be revoked; the rest are plainly rejected.
 */
export type RefreshVerdict = 'valid' | 'unknown' | 'revoked' | 'reused' | 'expired';

/** Judges a presented refresh token (undefined when no token has that hash). */
export function judgeRefreshToken(row: RefreshTokenRow | undefined, now: Date): RefreshVerdict {
  if (!row) return 'unknown';
  if (row.revokedAt) return 'revoked';
  if (row.usedAt) return 'reused';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}
