import { z } from 'zod';
import type { Invoker } from '../runtime/port';

/** Answers whether an access token's `jti` was revoked (logout, refresh-family revocation). */
export type RevocationCheck = (jti: string) => Promise<boolean>;

/** Options of {@link cachedRevocationCheck}. */
export interface RevocationCacheOptions {
  /** How long an answer is reused: the longest a revoked token may still pass after its revocation. */
  ttlMs?: number;
  /** Answers kept at most; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Caches a revocation lookup per jti briefly, so a busy user costs one lookup per `ttlMs` per service
 * instead of one per request. When the lookup fails the token is treated as not revoked (it is still
 * signed and unexpired; the deny list only shortens its life) and that answer is not cached.
 */
export function cachedRevocationCheck(lookup: RevocationCheck, options: RevocationCacheOptions = {}): RevocationCheck {
  const ttlMs = options.ttlMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { revoked: boolean; at: number }>();
  return async (jti) => {
    const hit = cache.get(jti);
    if (hit && now() - hit.at < ttlMs) return hit.revoked;
    let revoked: boolean;
    try {
      revoked = await lookup(jti);
    } catch {
      return false;
    }
    cache.delete(jti);
    cache.set(jti, { revoked, at: now() });
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
    return revoked;
  };
}

/** What identity answers for `GET /internal/revoked-tokens/:jti`. */
export const RevocationStatus = z.object({ revoked: z.boolean() });
export type RevocationStatus = z.infer<typeof RevocationStatus>;

/** Asks identity's deny list, by service invocation. */
export const identityRevocationLookup =
  (invoke: Invoker): RevocationCheck =>
  async (jti) =>
    (await invoke.json('identity', { method: 'GET', path: `/internal/revoked-tokens/${encodeURIComponent(jti)}` }, RevocationStatus)).revoked;
