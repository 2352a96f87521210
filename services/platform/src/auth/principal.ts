import { forbidden, unauthorized } from '../errors';

/** Roles a ShopMesh user can hold. */
export type Role = 'customer' | 'seller' | 'admin';

/** The authenticated caller, as read from a verified access token. */
export interface Principal {
  id: string;
  email: string;
  role: Role;
  /** The token's `email_verified` claim: the user confirmed their address (absent in older tokens). */
  emailVerified?: boolean;
}

/** The caller, or a 401 when the request carried no valid token. */
export function requireUser(principal: Principal | undefined): Principal {
  if (!principal) throw unauthorized();
  return principal;
}

/** The caller when they hold one of `roles` (admins always do), else 401/403. */
export function requireRole(principal: Principal | undefined, ...roles: Role[]): Principal {
  const user = requireUser(principal);
  if (user.role !== 'admin' && !roles.includes(user.role)) throw forbidden(`Requires role ${roles.join(' or ')}`);
  return user;
}

/**
 * Ownership check: the caller may act on a resource owned by `ownerId` only if it is theirs or they are
 * an admin. Answers 404, not 403, so ids of other users' resources are not confirmed to exist.
 */
export function isOwnerOrAdmin(principal: Principal, ownerId: string): boolean {
  return principal.role === 'admin' || principal.id === ownerId;
}
