import { randomUUID } from 'node:crypto';
import type { LoginRequest, TokenResponse } from '@shopmesh/contracts';
import { DomainError, unauthorized } from '@shopmesh/platform';
import { afterFailedLogin, CLEAR_LOGIN_STATE, isClear, lockedForSeconds } from './lockout';
import type { IdentityDeps, UserRow } from './ports';
import { toProfile } from './profile';
import { judgeRefreshToken } from './refresh-rules';

const DAY_MS = 86_400_000;

const invalidCredentials = () => unauthorized('E-mail or password is wrong');
const invalidRefreshToken = () => unauthorized('Refresh token is invalid, expired or revoked');

// 429 rather than 423: clients already know to wait for Retry-After on a 429, and `code` tells a locked
// account apart from the gateway's rate limit.
const accountLocked = (seconds: number) =>
  new DomainError(429, 'account-locked', `Too many failed logins; try again in ${seconds} s`, [], { 'retry-after': String(seconds) });

function newRefreshToken(deps: IdentityDeps, userId: string, familyId: string, now: Date) {
  const { token, hash } = deps.refreshCodec.issue();
  const row = {
    tokenHash: hash,
    familyId,
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.settings.refreshTokenTtlDays * DAY_MS),
    usedAt: null,
    revokedAt: null,
  };
  return { token, row };
}

async function tokenResponse(deps: IdentityDeps, user: UserRow, refreshToken: string): Promise<TokenResponse> {
  return {
    accessToken: await deps.accessTokens.sign(user),
    refreshToken,
    tokenType: 'Bearer',
    expiresIn: deps.accessTokens.ttlSeconds,
    user: toProfile(user),
  };
}

/** Starts a session: a fresh refresh-token family and an access token. */
export async function startSession(deps: IdentityDeps, user: UserRow): Promise<TokenResponse> {
  const { token, row } = newRefreshToken(deps, user.id, randomUUID(), deps.clock.now());
  await deps.refreshTokens.insert(row);
  return tokenResponse(deps, user, token);
}

/** Checks the password (unless the account is locked), counts failures towards the lockout, resets them on success. */
export async function login(deps: IdentityDeps, request: LoginRequest): Promise<TokenResponse> {
  const user = await deps.users.byEmail(request.email);
  if (!user) {
    await deps.passwords.verify(undefined, request.password);
    throw invalidCredentials();
  }
  const locked = lockedForSeconds(user.login, deps.clock.now());
  if (locked > 0) throw accountLocked(locked);

  if (!(await deps.passwords.verify(user.passwordHash, request.password))) {
    const now = deps.clock.now();
    const state = await deps.users.updateLoginState(user.id, (current) => afterFailedLogin(current, now, deps.settings.lockout));
    const lockedNow = lockedForSeconds(state, now);
    throw lockedNow > 0 ? accountLocked(lockedNow) : invalidCredentials();
  }
  if (!isClear(user.login)) await deps.users.updateLoginState(user.id, () => CLEAR_LOGIN_STATE);
  return startSession(deps, user);
}

/**
 * Exchanges a refresh token for a new pair. Each token is single use: presenting one that was already
 * exchanged revokes its whole family (the legitimate holder and the thief both lose the session).
 */
export async function refresh(deps: IdentityDeps, refreshToken: string): Promise<TokenResponse> {
  const now = deps.clock.now();
  const outcome = await deps.refreshTokens.transaction(async (tx) => {
    const current = await tx.lock(deps.refreshCodec.hash(refreshToken));
    const verdict = judgeRefreshToken(current, now);
    if (verdict === 'reused' && current) await tx.revokeFamily(current.familyId, now);
    if (verdict !== 'valid' || !current) return undefined;
    const next = newRefreshToken(deps, current.userId, current.familyId, now);
    await tx.markUsed(current.tokenHash, now);
    await tx.insert(next.row);
    return { userId: current.userId, token: next.token };
  });
  // Thrown after the transaction, so a reuse's family revocation commits.
  if (!outcome) throw invalidRefreshToken();
  const user = await deps.users.byId(outcome.userId);
  if (!user) throw invalidRefreshToken();
  return tokenResponse(deps, user, outcome.token);
}

/** Ends the session the token belongs to; unknown tokens are ignored, so logout is idempotent. */
export async function logout(deps: IdentityDeps, refreshToken: string): Promise<void> {
  const now = deps.clock.now();
  await deps.refreshTokens.transaction(async (tx) => {
    const current = await tx.lock(deps.refreshCodec.hash(refreshToken));
    if (current && !current.revokedAt) await tx.revokeFamily(current.familyId, now);
  });
}
