import type { AddressWithId, Role, SendMailRequest, UserRegistered } from '@shopmesh/contracts';

import type { Rate, ThrottleResult } from '@shopmesh/platform';

/** A user as stored. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  /** When the user followed the verification link; null until then. */
  emailVerifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A user about to be inserted. */
export type NewUser = UserRow;

/** Users storage. */
export interface UserStore {
  /** Inserts the user and queues `identity.user-registered` in one transaction; reports a taken e-mail. */
  register(user: NewUser, event: UserRegistered): Promise<'created' | 'email-taken'>;
  byEmail(email: string): Promise<UserRow | undefined>;
  byId(id: string): Promise<UserRow | undefined>;
  rename(id: string, name: string, now: Date): Promise<UserRow | undefined>;
}

/** A refresh token as stored: only its sha256 hash, never the token itself. */
export interface RefreshTokenRow {
  tokenHash: string;
  /** Every token rotated from one login shares the family; reuse revokes the whole family. */
  familyId: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set when the token was exchanged for its successor. */
  usedAt: Date | null;
  revokedAt: Date | null;
  /** The access token issued beside this refresh token, so revoking the family can deny it too. */
  accessJti: string | null;
  accessExpiresAt: Date | null;
}

/** An access token that was handed out: what the deny list needs to end it early. */
export interface IssuedAccessToken {
  jti: string;
  expiresAt: Date;
}

/** Access tokens ended before their expiry (logout, revoked families); shared with every service's token check. */
export interface RevokedAccessTokens {
  deny(tokens: IssuedAccessToken[]): Promise<void>;
  isRevoked(jti: string): Promise<boolean>;
}

/** Refresh-token operations inside one transaction. */
export interface RefreshTokenTx {
  /** Reads the token and locks it until the transaction ends, so two refreshes cannot both rotate it. */
  lock(tokenHash: string): Promise<RefreshTokenRow | undefined>;
  markUsed(tokenHash: string, now: Date): Promise<void>;
  /** Revokes the family's live tokens and answers the access tokens issued with them that are still unexpired. */
  revokeFamily(familyId: string, now: Date): Promise<IssuedAccessToken[]>;
  insert(row: RefreshTokenRow): Promise<void>;
}

/** Refresh-token storage. */
export interface RefreshTokenStore {
  insert(row: RefreshTokenRow): Promise<void>;
  transaction<T>(work: (tx: RefreshTokenTx) => Promise<T>): Promise<T>;
}

/** Saved addresses, always scoped to their owner. */
export interface AddressStore {
  list(userId: string): Promise<AddressWithId[]>;
  get(userId: string, id: string): Promise<AddressWithId | undefined>;
  insert(userId: string, address: AddressWithId, now: Date): Promise<void>;
  replace(userId: string, address: AddressWithId, now: Date): Promise<void>;
  /** False when the user has no such address. */
  remove(userId: string, id: string): Promise<boolean>;
}

/** What a mailed single-use token is for. */
export type AccountTokenPurpose = 'password-reset' | 'verify-email';

/** A mailed token as stored: found by its selector, checked against the hash of its verifier. */
export interface AccountTokenRow {
  selector: string;
  verifierHash: string;
  userId: string;
  purpose: AccountTokenPurpose;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Account-token operations inside one transaction (a reset or a verification applies all or nothing). */
export interface AccountTokenTx {
  /** Reads the token and locks it until the transaction ends, so two confirmations cannot both use it. */
  lock(selector: string): Promise<AccountTokenRow | undefined>;
  /** Marks every unused token of the user for that purpose used (the one presented included). */
  retire(userId: string, purpose: AccountTokenPurpose, now: Date): Promise<void>;
  setPassword(userId: string, passwordHash: string, now: Date): Promise<void>;
  markEmailVerified(userId: string, now: Date): Promise<void>;
  /** Revokes every refresh token of the user and answers the unexpired access tokens issued with them. */
  revokeSessions(userId: string, now: Date): Promise<IssuedAccessToken[]>;
}

/** Mailed single-use tokens. */
export interface AccountTokenStore {
  insert(row: AccountTokenRow): Promise<void>;
  /** Reads a token without locking it (checks before the transaction that applies it). */
  get(selector: string): Promise<AccountTokenRow | undefined>;
  transaction<T>(work: (tx: AccountTokenTx) => Promise<T>): Promise<T>;
}

/** Makes mailed tokens and checks them. */
export interface AccountTokenCodec {
  issue(): { token: string; selector: string; verifierHash: string };
  /** The token's parts, or undefined when it is not shaped like one of ours. */
  parse(token: string): { selector: string; verifier: string } | undefined;
  /** Constant-time comparison of a presented verifier with the stored hash. */
  matches(verifier: string, verifierHash: string): boolean;
}

/** Sends identity's mail (through notifications and its email binding). */
export interface Mailer {
  send(mail: SendMailRequest): Promise<void>;
}

/** Password hashing (argon2id). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * True when `password` matches `hash`. Without a hash it checks against a dummy one and answers
   * false, so an unknown e-mail costs as much time as a wrong password.
   */
  verify(hash: string | undefined, password: string): Promise<boolean>;
}

/** Signs access tokens. */
export interface AccessTokenSigner {
  readonly ttlSeconds: number;
  /** Signs a token for `user` with the given jti and expiry. */
  sign(user: { id: string; email: string; role: Role; emailVerifiedAt: Date | null }, access: IssuedAccessToken): Promise<string>;
}

/** Makes opaque refresh tokens and the hashes they are stored under. */
export interface RefreshTokenCodec {
  issue(): { token: string; hash: string };
  hash(token: string): string;
}

/** The delay record of one (account, client IP) pair whose free failures are spent. */
export interface LoginAttempts {
  /** Attempts admitted since the delays began (each doubles the next wait). */
  failures: number;
  /** Epoch ms of the latest attempt that was admitted or started the delays. */
  lastAttemptAt: number;
}

/** How login attempts are slowed down. */
export interface LoginThrottlePolicy {
  /** Attempts a pair may make before delays start (they refill over `forgetAfterSeconds`). */
  freeFailures: number;
  /** The first delay; each further admitted attempt doubles it. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** A pair's record is forgotten this long after its last attempt. */
  forgetAfterSeconds: number;
  /** Attempts per account from all addresses together per window: far above what a person types. */
  accountCeiling: number;
  accountWindowSeconds: number;
}

/** Whether an attempt may check the password; when not, how long to wait. */
export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/** One decision on a pair: the admission, and the record to store with it (if any). */
export interface PairStep {
  admission: Admission;
  write?: LoginAttempts;
}

/** Where login attempts are counted (the shared state store, so every identity replica sees them). */
export interface LoginThrottleStore {
  /**
   * Reads the pair's delay record, lets `decide` judge the attempt and stores the record it asks for,
   * atomically with respect to other attempts of the pair (a lost race decides again on fresh data).
   */
  updatePair(account: string, clientIp: string, decide: (record: LoginAttempts | undefined) => Promise<PairStep>): Promise<Admission>;
  /** Spends one of the pair's free attempts, atomically. */
  spendFree(account: string, clientIp: string, rate: Rate, nowMs: number): Promise<ThrottleResult>;
  /** Forgets the pair's attempts (after a successful login). */
  clear(account: string, clientIp: string): Promise<void>;
  /** Spends one attempt of the account's ceiling, atomically. */
  spendAccount(account: string, rate: Rate, nowMs: number): Promise<ThrottleResult>;
}

/** Tunables of the identity rules. */
export interface IdentitySettings {
  refreshTokenTtlDays: number;
  passwordResetTtlMinutes: number;
  verifyEmailTtlHours: number;
  /** Where the storefront is served; mailed links point there. */
  publicUrl: string;
  login: LoginThrottlePolicy;
}

/** What the identity use-cases work with. */
export interface IdentityDeps {
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  addresses: AddressStore;
  passwords: PasswordHasher;
  accessTokens: AccessTokenSigner;
  refreshCodec: RefreshTokenCodec;
  loginThrottle: LoginThrottleStore;
  revokedTokens: RevokedAccessTokens;
  accountTokens: AccountTokenStore;
  accountTokenCodec: AccountTokenCodec;
  mailer: Mailer;
  /** Runs work after the answer is sent (mail), so neither its time nor its failure shows in the answer. */
  later(work: () => Promise<void>): void;
  clock: { now(): Date };
  settings: IdentitySettings;
}
