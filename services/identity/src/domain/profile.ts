import type { UserProfile } from '@shopmesh/contracts';
import type { UserRow } from './ports';

/** A stored user as the user sees themselves. */
export const toProfile = (user: UserRow): UserProfile => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  emailVerified: user.emailVerifiedAt !== null,
  createdAt: user.createdAt.toISOString(),
});
