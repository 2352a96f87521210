import type { ServiceDatabase } from '@shopmesh/platform';
import { AccountTokenSchema } from './account-token.entity';
import { AddressSchema } from './address.entity';
import { IdentityTables001 } from './migrations/001-identity-tables';
import { DropAccountLockout002 } from './migrations/002-drop-account-lockout';
import { AccessTokenOfRefresh003 } from './migrations/003-access-token-of-refresh';
import { AccountTokens004 } from './migrations/004-account-tokens';
import { RefreshTokenSchema } from './refresh-token.entity';
import { SigningKeySchema } from './signing-key.entity';
import { UserSchema } from './user.entity';

/** Identity's tables and their migrations. */
export const identityDatabase: ServiceDatabase = {
  entities: [UserSchema, RefreshTokenSchema, AddressSchema, SigningKeySchema, AccountTokenSchema],
  migrations: [
    { name: '001-identity-tables', class: IdentityTables001 },
    { name: '002-drop-account-lockout', class: DropAccountLockout002 },
    { name: '003-access-token-of-refresh', class: AccessTokenOfRefresh003 },
    { name: '004-account-tokens', class: AccountTokens004 },
  ],
};
