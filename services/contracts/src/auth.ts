import { z } from 'zod';
import { Address, Id, text } from './common';

/** Roles a user can hold. */
export const Role = z.enum(['customer', 'seller', 'admin']);
export type Role = z.infer<typeof Role>;

/** Roles anyone may pick when registering; admins are only ever seeded or promoted. */
export const PublicRole = z.enum(['customer', 'seller']);
export type PublicRole = z.infer<typeof PublicRole>;

/** An e-mail address, compared and stored in lower case; its local part at most 64 characters (RFC 5321). */
export const Email = z
  .email()
  .max(254)
  .refine((email) => email.slice(0, email.lastIndexOf('@')).length <= 64, 'the part before @ may be at most 64 characters')
  .toLowerCase();

/** A new password: 8 to 128 characters (argon2 cost grows with length, so it is capped). */
export const Password = text().min(8, 'must be at least 8 characters').max(128);

/** A display name (a person, or a shop for sellers). */
export const DisplayName = text().trim().min(1).max(100);

/** `POST /auth/register` */
export const RegisterRequest = z.object({
  email: Email,
  password: Password,
  name: DisplayName,
  role: PublicRole.default('customer'),
});
export type RegisterRequest = z.infer<typeof RegisterRequest>;

/** `POST /auth/login` */
export const LoginRequest = z.object({ email: Email, password: text().min(1).max(128) });
export type LoginRequest = z.infer<typeof LoginRequest>;

/** An opaque refresh token as issued by identity. */
export const RefreshToken = text().min(16).max(200);

/** `POST /auth/refresh`: the refresh token is single use; the answer carries its successor. */
export const RefreshRequest = z.object({ refreshToken: RefreshToken });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/** `POST /auth/logout`: ends the session the refresh token belongs to (its whole rotation family). */
export const LogoutRequest = z.object({ refreshToken: RefreshToken });
export type LogoutRequest = z.infer<typeof LogoutRequest>;

/** A user as they see themselves (`GET /me`). */
export const UserProfile = z.object({
  id: Id,
  email: text(),
  name: text(),
  role: Role,
  /** True once the user followed the verification link sent at registration. */
  emailVerified: z.boolean().optional(),
  createdAt: z.iso.datetime(),
});
export type UserProfile = z.infer<typeof UserProfile>;

/**
 * What register, login and refresh answer: a 15-minute RS256 access token, a single-use refresh
 * token and the user. `expiresIn` is the access token's lifetime in seconds.
 */
export const TokenResponse = z.object({
  accessToken: text(),
  refreshToken: text(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().positive(),
  user: UserProfile,
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** A single-use token from a link identity mailed (password reset, e-mail verification). */
export const AccountToken = text().min(16, 'is not a token from our e-mail').max(200);

/** `POST /auth/password-reset`: always a 202, whether or not the address has an account. */
export const PasswordResetRequest = z.object({ email: Email });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

/**
 * `POST /auth/password-reset/confirm`: sets the new password (the same rules as at registration) and
 * ends every session of the account. A used token is a 410, an unknown or expired one a 400/410.
 */
export const PasswordResetConfirmRequest = z.object({ token: AccountToken, password: Password });
export type PasswordResetConfirmRequest = z.infer<typeof PasswordResetConfirmRequest>;

/** The 202 of `POST /auth/password-reset` and `POST /me/verify-email`: the same words whatever happens next. */
export const MailAccepted = z.object({ message: text() });
export type MailAccepted = z.infer<typeof MailAccepted>;

/** `POST /auth/verify-email`: the token of the link sent at registration. */
export const VerifyEmailRequest = z.object({ token: AccountToken });
export type VerifyEmailRequest = z.infer<typeof VerifyEmailRequest>;

/** `POST /auth/verify-email` answer. */
export const VerifyEmailResponse = z.object({ email: text(), emailVerified: z.literal(true) });
export type VerifyEmailResponse = z.infer<typeof VerifyEmailResponse>;

/** `PATCH /me` */
export const UpdateProfileRequest = z.object({ name: DisplayName });
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;

/** A saved address of the user. */
export const AddressWithId = Address.extend({ id: Id });
export type AddressWithId = z.infer<typeof AddressWithId>;

/** `GET /me/addresses` */
export const AddressList = z.object({ items: z.array(AddressWithId) });
export type AddressList = z.infer<typeof AddressList>;

/** `PATCH /me/addresses/:id`: the fields to change (optional ones may be cleared with null). */
export const UpdateAddressRequest = Address.partial().extend({
  line2: Address.shape.line2.unwrap().nullable().optional(),
  region: Address.shape.region.unwrap().nullable().optional(),
});
export type UpdateAddressRequest = z.infer<typeof UpdateAddressRequest>;

/** `/me/addresses/:id` path params. */
export const AddressParams = z.object({ id: Id });

/** `GET /internal/users/:userId` path params (service invocation only). */
export const UserParams = z.object({ userId: Id });

/** `GET /internal/users/:userId/addresses/:id` path params (service invocation only). */
export const UserAddressParams = z.object({ userId: Id, id: Id });

/** `GET /auth/jwks`: the public keys access tokens are signed with, each with its `kid`. */
export const Jwks = z.object({ keys: z.array(z.record(text(), z.unknown())) });
export type Jwks = z.infer<typeof Jwks>;

/** A user the seed creates, with the password it is created with (sample data only). */
export const SeedUser = z.object({ id: Id, email: text(), name: text(), role: Role, password: text() });
export type SeedUser = z.infer<typeof SeedUser>;

/**
 * The seeded sample users with fixed ids, so other services' seeds (catalog's products of three
 * sellers, for instance) can refer to them.
 */
export const SEED_USERS = [
  { id: '1d000000-0000-4000-8000-000000000001', email: 'customer@example.com', name: 'Casey Customer', role: 'customer', password: 'Customer@123' },
  { id: '1d000000-0000-4000-8000-000000000002', email: 'seller@example.com', name: 'Northwind Home', role: 'seller', password: 'Seller@123' },
  { id: '1d000000-0000-4000-8000-000000000003', email: 'admin@example.com', name: 'Ada Admin', role: 'admin', password: 'Admin@123' },
  { id: '1d000000-0000-4000-8000-000000000004', email: 'seller2@example.com', name: 'Bluebird Outdoors', role: 'seller', password: 'Seller@123' },
  { id: '1d000000-0000-4000-8000-000000000005', email: 'seller3@example.com', name: 'Cedar & Co', role: 'seller', password: 'Seller@123' },
] as const satisfies readonly SeedUser[];
