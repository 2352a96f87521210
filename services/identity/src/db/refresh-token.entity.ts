import { EntitySchema } from '@mikro-orm/postgresql';

/** A `refresh_tokens` row: the sha256 of a token, never the token. */
export interface RefreshTokenRecord {
  tokenHash: string;
  familyId: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt?: Date | null;
  revokedAt?: Date | null;
  accessJti?: string | null;
  accessExpiresAt?: Date | null;
}

export const RefreshTokenSchema = new EntitySchema<RefreshTokenRecord>({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  properties: {
    tokenHash: { type: 'string', primary: true, fieldName: 'token_hash' },
    familyId: { type: 'uuid', fieldName: 'family_id' },
    userId: { type: 'uuid', fieldName: 'user_id' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    expiresAt: { type: 'Date', fieldName: 'expires_at' },
    usedAt: { type: 'Date', fieldName: 'used_at', nullable: true },
    revokedAt: { type: 'Date', fieldName: 'revoked_at', nullable: true },
    accessJti: { type: 'string', fieldName: 'access_jti', nullable: true },
    accessExpiresAt: { type: 'Date', fieldName: 'access_expires_at', nullable: true },
  },
});
