import { randomUUID } from 'node:crypto';
import type { LoginRequest, TokenResponse } from '@shopmesh/contracts';
import { DomainError, unauthorized } from '@shopmesh/platform';
import { accountKey, admitLogin } from './login-throttle';
import type { IdentityDeps, IssuedAccessToken, UserRow } from './ports';
import { toProfile } from './profile';
import { judgeRefreshToken } from './refresh-rules';

const DAY_MS = 86_400_000;

const invalidCredentials = () => unauthorized('E-mail or password is wrong');
const invalidRefreshToken = () => unauthorized('Refresh token is invalid, expired or revoked');

// 429 rather than 423: clients already know to wait for Retry-After on a 429, and `code` tells it apart
// from the gateway's rate limit. Nothing in it depends on whether the account exists.
const loginThrottled = (seconds: number) =>
  new DomainError(429, 'login-throttled', `Too many failed logins; try again in ${seconds} s`, [], { 'retry-after': String(seconds) });

// The access token's identity is fixed before it is signed, so the refresh row can record it in the
// same transaction that rotates the family.
const nextAccessToken = (deps: IdentityDeps, now: Date): IssuedAccessToken => ({
  jti: randomUUID(),
  expiresAt: new Date(now.getTime() + deps.accessTokens.ttlSeconds * 1000),
});

function newRefreshToken(deps: IdentityDeps, userId: string, familyId: string, now: Date, access: IssuedAccessToken) {
  const { token, hash } = deps.refreshCodec.issue();
  const row = {
    tokenHash: hash,
    familyId,
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.settings.refreshTokenTtlDays * DAY_MS),
    usedAt: null,
    revokedAt: null,
    accessJti: access.jti,
    accessExpiresAt: access.expiresAt,
  };
  return { token, row };
}

const tokenResponse = (deps: IdentityDeps, user: UserRow, accessToken: string, refreshToken: string): TokenResponse => ({
  accessToken,
  refreshToken,
  tokenType: 'Bearer',
  expiresIn: deps.accessTokens.ttlSeconds,
  user: toProfile(user),
});

/** Starts a session: a fresh refresh-token family and an access token, recorded beside each other. */
export async function startSession(deps: IdentityDeps, user: UserRow): Promise<TokenResponse> {
  const now = deps.clock.now();
  const access = nextAccessToken(deps, now);
  const { token, row } = newRefreshToken(deps, user.id, randomUUID(), now, access);
  await deps.refreshTokens.insert(row);
  return tokenResponse(deps, user, await deps.accessTokens.sign(user, access), token);
}

/**
 * Logs in. Attempts are throttled per (account, client IP) with growing delays, so an attacker slows
 * only themselves and the owner elsewhere still gets in; a ceiling per account caps what many addresses
 * together may try. An unknown e-mail takes the very same steps (throttle, lookup, a hash check against
 * a dummy hash) and gets the same answer, so neither status nor timing tells whether it exists.
 */
export async function login(deps: IdentityDeps, request: LoginRequest, clientIp: string): Promise<TokenResponse> {
  const policy = deps.settings.login;
  const nowMs = deps.clock.now().getTime();
  const account = accountKey(request.email);
  const admission = await admitLogin(deps.loginThrottle, account, clientIp, nowMs, policy);
  if (!admission.admitted) throw loginThrottled(admission.retryAfterSeconds);
  const ceiling = await deps.loginThrottle.spendAccount(account, { limit: policy.accountCeiling, periodMs: policy.accountWindowSeconds * 1000 }, nowMs);
  if (!ceiling.allowed) throw loginThrottled(Math.max(1, Math.ceil(ceiling.retryAfterMs / 1000)));

  const user = await deps.users.byEmail(request.email);
  const matches = await deps.passwords.verify(user?.passwordHash, request.password);
  if (!user || !matches) throw invalidCredentials();
  await deps.loginThrottle.clear(account, clientIp);
  return startSession(deps, user);
}

/**
 * Exchanges a refresh token for a new pair. Each token is single use: presenting one that was already
 * exchanged revokes its whole family (the legitimate holder and the thief both lose the session).
 */
export async function refresh(deps: IdentityDeps, refreshToken: string): Promise<TokenResponse> {
  const now = deps.clock.now();
  let denied: IssuedAccessToken[] = [];
  const outcome = await deps.refreshTokens.transaction(async (tx) => {
    const current = await tx.lock(deps.refreshCodec.hash(refreshToken));
    const verdict = judgeRefreshToken(current, now);
    if (verdict === 'reused' && current) denied = await tx.revokeFamily(current.familyId, now);
    if (verdict !== 'valid' || !current) return undefined;
    const access = nextAccessToken(deps, now);
    const next = newRefreshToken(deps, current.userId, current.familyId, now, access);
    await tx.markUsed(current.tokenHash, now);
    await tx.insert(next.row);
    return { userId: current.userId, access, token: next.token };
  });
  // After the transaction, so a reuse's family revocation commits before its access tokens are denied.
  await deps.revokedTokens.deny(denied);
  if (!outcome) throw invalidRefreshToken();
  const user = await deps.users.byId(outcome.userId);
  if (!user) throw invalidRefreshToken();
  return tokenResponse(deps, user, await deps.accessTokens.sign(user, outcome.access), outcome.token);
}

/**
 * Ends the session the token belongs to, access tokens included; unknown tokens are ignored, so
 * logout is idempotent.
 */
export async function logout(deps: IdentityDeps, refreshToken: string): Promise<void> {
  const now = deps.clock.now();
  const denied = await deps.refreshTokens.transaction(async (tx) => {
    const current = await tx.lock(deps.refreshCodec.hash(refreshToken));
    return current && !current.revokedAt ? tx.revokeFamily(current.familyId, now) : [];
  });
  await deps.revokedTokens.deny(denied);
}
