import type { AddressWithId, Role, UserRegistered } from '@shopmesh/contracts';

/** Failed-login bookkeeping of one account. */
export interface LoginState {
  failedLogins: number;
  /** When the current run of failures began; failures older than the window no longer count. */
  failureWindowStartedAt: Date | null;
  lockedUntil: Date | null;
}

/** A user as stored. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
  login: LoginState;
}

/** A user about to be inserted. */
export type NewUser = Omit<UserRow, 'login'>;

/** Users storage. */
export interface UserStore {
  /** Inserts the user and queues `identity.user-registered` in one transaction; reports a taken e-mail. */
  register(user: NewUser, event: UserRegistered): Promise<'created' | 'email-taken'>;
  byEmail(email: string): Promise<UserRow | undefined>;
  byId(id: string): Promise<UserRow | undefined>;
  /** Reads the login state under a row lock, stores `change(state)` and answers it. */
  updateLoginState(userId: string, change: (state: LoginState) => LoginState): Promise<LoginState>;
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
}

/** Refresh-token operations inside one transaction. */
export interface RefreshTokenTx {
  /** Reads the token and locks it until the transaction ends, so two refreshes cannot both rotate it. */
  lock(tokenHash: string): Promise<RefreshTokenRow | undefined>;
  markUsed(tokenHash: string, now: Date): Promise<void>;
  revokeFamily(familyId: string, now: Date): Promise<void>;
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
  sign(user: { id: string; email: string; role: Role }): Promise<string>;
}

/** Makes opaque refresh tokens and the hashes they are stored under. */
export interface RefreshTokenCodec {
  issue(): { token: string; hash: string };
  hash(token: string): string;
}

/** Login lockout thresholds. */
export interface LockoutPolicy {
  maxAttempts: number;
  windowSeconds: number;
  durationSeconds: number;
}

/** Tunables of the identity rules. */
export interface IdentitySettings {
  refreshTokenTtlDays: number;
  lockout: LockoutPolicy;
}

/** What the identity use-cases work with. */
export interface IdentityDeps {
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  addresses: AddressStore;
  passwords: PasswordHasher;
  accessTokens: AccessTokenSigner;
  refreshCodec: RefreshTokenCodec;
  clock: { now(): Date };
  settings: IdentitySettings;
}
