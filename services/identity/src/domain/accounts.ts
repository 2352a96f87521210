import { randomUUID } from 'node:crypto';
import type { RegisterRequest, Role, TokenResponse, UserProfile } from '@shopmesh/contracts';
import { conflict, notFound } from '@shopmesh/platform';
import type { IdentityDeps, UserRow } from './ports';
import { sendVerificationMail } from './account-mail';
import { assertUsablePassword } from './password-rules';
import { toProfile } from './profile';
import { startSession } from './sessions';

/** An account to create, with its plain password. */
export interface NewAccount {
  id: string;
  email: string;
  name: string;
  role: Role;
  password: string;
  /** Seeded sample accounts count as verified; registered ones wait for the mailed link. */
  verified?: boolean;
}

/** Stores the account and queues identity.user-registered; undefined when the e-mail is taken. */
async function createAccount(deps: IdentityDeps, account: NewAccount): Promise<UserRow | undefined> {
  const now = deps.clock.now();
  const user: UserRow = {
    id: account.id,
    email: account.email,
    name: account.name,
    role: account.role,
    passwordHash: await deps.passwords.hash(account.password),
    emailVerifiedAt: account.verified ? now : null,
    createdAt: now,
    updatedAt: now,
  };
  const outcome = await deps.users.register(user, { userId: user.id, email: user.email, name: user.name, role: user.role });
  return outcome === 'created' ? user : undefined;
}

/** Registers a customer or seller and logs them straight in. */
export async function register(deps: IdentityDeps, request: RegisterRequest): Promise<TokenResponse> {
  assertUsablePassword(request.password, request.email);
  const user = await createAccount(deps, { ...request, id: randomUUID() });
  if (!user) throw conflict('email-taken', 'An account with this e-mail already exists');
  deps.later(() => sendVerificationMail(deps, user));
  return startSession(deps, user);
}

/** Creates a sample account unless its id or e-mail exists already; true when it was created. */
export async function seedAccount(deps: IdentityDeps, account: NewAccount): Promise<boolean> {
  if (await deps.users.byId(account.id)) return false;
  return (await createAccount(deps, { ...account, verified: true })) !== undefined;
}

/** The user's own profile. */
export async function profileOf(deps: IdentityDeps, userId: string): Promise<UserProfile> {
  const user = await deps.users.byId(userId);
  if (!user) throw notFound('User');
  return toProfile(user);
}

/** Changes the user's display name. */
export async function rename(deps: IdentityDeps, userId: string, name: string): Promise<UserProfile> {
  const user = await deps.users.rename(userId, name, deps.clock.now());
  if (!user) throw notFound('User');
  return toProfile(user);
}
