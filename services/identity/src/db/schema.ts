import type { ServiceDatabase } from '@shopmesh/platform';
import { AddressSchema } from './address.entity';
import { IdentityTables001 } from './migrations/001-identity-tables';
import { RefreshTokenSchema } from './refresh-token.entity';
import { SigningKeySchema } from './signing-key.entity';
import { UserSchema } from './user.entity';

/** Identity's tables and their migrations. */
export const identityDatabase: ServiceDatabase = {
  entities: [UserSchema, RefreshTokenSchema, AddressSchema, SigningKeySchema],
  migrations: [{ name: '001-identity-tables', class: IdentityTables001 }],
};
