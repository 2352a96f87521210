import type { Rate } from '@shopmesh/platform';
import { API_PREFIX } from './route-table';

/** What the limiter does when the state store cannot be reached. */
export type FailureMode = 'open' | 'closed';

/** The budget a request is counted against, besides the per-IP and per-user ones. */
export interface CredentialBudget {
  scope: 'login' | 'signup';
}

/** A budget of `limit` requests per minute. */
export const perMinute = (limit: number): Rate => ({ limit, periodMs: 60_000 });

/** Whole seconds for a Retry-After header: at least 1. */
export const retryAfterSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/**
 * The spelling-independent form of a request path, for matching it against a budget: percent-escapes
 * decoded, dot segments resolved, repeated and trailing slashes dropped, lower case. So
 * `/API/v1//auth/Login/` is the login endpoint, as it is for the router that serves it.
 */
export function canonicalPath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape is answered 400 further in; for matching, its raw spelling is all there is.
  }
  const resolved = new URL(`http://gateway.invalid/${decoded.replace(/\\/g, '/')}`).pathname;
  return (
    resolved
      .toLowerCase()
      .replace(/\/{2,}/g, '/')
      .replace(/\/+$/, '') || '/'
  );
}

const CREDENTIAL_ENDPOINTS: Record<string, CredentialBudget['scope']> = {
  [`${API_PREFIX}/auth/login`]: 'login',
  [`${API_PREFIX}/auth/register`]: 'signup',
};

/** The credential budget of a request (POST to login or register, however spelt), if any. */
export function credentialBudget(method: string, path: string): CredentialBudget | undefined {
  if (method.toUpperCase() !== 'POST') return undefined;
  const scope = CREDENTIAL_ENDPOINTS[canonicalPath(path)];
  return scope && { scope };
}
