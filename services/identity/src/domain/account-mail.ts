import { DomainError, invalidField } from '@shopmesh/platform';
import type { PasswordResetConfirmRequest, VerifyEmailResponse } from '@shopmesh/contracts';
import { assertUsablePassword } from './password-rules';
import type { AccountTokenPurpose, AccountTokenRow, IdentityDeps, UserRow } from './ports';

const MINUTE_MS = 60_000;

const unknownToken = () => invalidField('body.token', 'is not a valid link from our e-mail; ask for a new one');
const spentToken = (code: string, message: string) => new DomainError(410, code, message, [{ field: 'body.token', message }]);

/**
 * The row a presented token stands for, or the problem with it: unknown or for another purpose (400),
 * used already or expired (410, ask for a new link).
 */
function judgeToken(deps: IdentityDeps, row: AccountTokenRow | undefined, verifier: string, purpose: AccountTokenPurpose, now: Date): AccountTokenRow {
  const genuine = row !== undefined && deps.accountTokenCodec.matches(verifier, row.verifierHash);
  if (!row || !genuine || row.purpose !== purpose) throw unknownToken();
  if (row.usedAt) throw spentToken('token-used', 'this link was used already; ask for a new one');
  if (row.expiresAt.getTime() <= now.getTime()) throw spentToken('token-expired', 'this link has expired; ask for a new one');
  return row;
}

/** Stores a fresh token for the user and answers the token to mail. */
async function issueToken(deps: IdentityDeps, user: UserRow, purpose: AccountTokenPurpose, ttlMs: number): Promise<string> {
  const now = deps.clock.now();
  const { token, selector, verifierHash } = deps.accountTokenCodec.issue();
  await deps.accountTokens.insert({
    selector,
    verifierHash,
    userId: user.id,
    purpose,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlMs),
    usedAt: null,
  });
  return token;
}

const link = (deps: IdentityDeps, page: string, token: string) => `${deps.settings.publicUrl.replace(/\/$/, '')}/${page}?token=${encodeURIComponent(token)}`;

/** Mails the user a link that verifies their address. */
export async function sendVerificationMail(deps: IdentityDeps, user: UserRow): Promise<void> {
  const token = await issueToken(deps, user, 'verify-email', deps.settings.verifyEmailTtlHours * 60 * MINUTE_MS);
  await deps.mailer.send({
    to: user.email,
    kind: 'verify-email',
    subject: 'Confirm your e-mail address',
    body: `Hello ${user.name},\n\nconfirm the address of your ShopMesh account by opening this link:\n${link(deps, 'verify-email', token)}\n\nIt is valid for ${deps.settings.verifyEmailTtlHours} hours.`,
  });
}

/**
 * Starts a password reset. It answers at once and does the rest afterwards: an address with an
 * account gets a single-use link, one without gets nothing, and the answer is the same either way, so
 * it tells nobody whether the address has an account.
 */
export function requestPasswordReset(deps: IdentityDeps, email: string): void {
  deps.later(async () => {
    const user = await deps.users.byEmail(email);
    if (!user) return;
    const minutes = deps.settings.passwordResetTtlMinutes;
    const token = await issueToken(deps, user, 'password-reset', minutes * MINUTE_MS);
    await deps.mailer.send({
      to: user.email,
      kind: 'password-reset',
      subject: 'Reset your ShopMesh password',
      body: `Hello ${user.name},\n\nsomeone (we hope you) asked to reset your password. Choose a new one here:\n${link(deps, 'reset-password', token)}\n\nThe link works once, within ${minutes} minutes. If you did not ask, ignore this mail: your password stays as it is.`,
    });
  });
}

/**
 * Sets a new password with a reset token, all or nothing: the token is used up, every other reset
 * token of the account retired, every session ended (refresh tokens revoked, their access tokens denied).
 * A password the rules refuse leaves everything as it was, token included.
 */
export async function confirmPasswordReset(deps: IdentityDeps, request: PasswordResetConfirmRequest): Promise<void> {
  const parts = deps.accountTokenCodec.parse(request.token);
  if (!parts) throw unknownToken();
  const now = deps.clock.now();
  // Checked and hashed before the transaction, so the slow hash holds no lock; the transaction checks
  // the token again under its lock, so two confirmations cannot both use it.
  const row = judgeToken(deps, await deps.accountTokens.get(parts.selector), parts.verifier, 'password-reset', now);
  const user = await deps.users.byId(row.userId);
  if (!user) throw unknownToken();
  assertUsablePassword(request.password, user.email);
  const passwordHash = await deps.passwords.hash(request.password);
  const denied = await deps.accountTokens.transaction(async (tx) => {
    judgeToken(deps, await tx.lock(parts.selector), parts.verifier, 'password-reset', now);
    await tx.setPassword(user.id, passwordHash, now);
    await tx.retire(user.id, 'password-reset', now);
    return tx.revokeSessions(user.id, now);
  });
  // After the commit, as on logout: the revocation is durable before its access tokens are denied.
  await deps.revokedTokens.deny(denied);
}

/** Confirms the address a verification token was mailed to. */
export async function verifyEmail(deps: IdentityDeps, token: string): Promise<VerifyEmailResponse> {
  const parts = deps.accountTokenCodec.parse(token);
  if (!parts) throw unknownToken();
  const now = deps.clock.now();
  const userId = await deps.accountTokens.transaction(async (tx) => {
    const row = judgeToken(deps, await tx.lock(parts.selector), parts.verifier, 'verify-email', now);
    await tx.markEmailVerified(row.userId, now);
    await tx.retire(row.userId, 'verify-email', now);
    return row.userId;
  });
  const user = await deps.users.byId(userId);
  if (!user) throw unknownToken();
  return { email: user.email, emailVerified: true };
}

/** Mails a new verification link to a signed-in user whose address is not verified yet (202 either way). */
export async function resendVerification(deps: IdentityDeps, userId: string): Promise<void> {
  const user = await deps.users.byId(userId);
  if (!user || user.emailVerifiedAt) return;
  deps.later(() => sendVerificationMail(deps, user));
}
