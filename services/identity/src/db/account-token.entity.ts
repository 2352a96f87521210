import { EntitySchema } from '@mikro-orm/postgresql';
import type { AccountTokenRow } from '../domain/ports';

export const AccountTokenSchema = new EntitySchema<AccountTokenRow>({
  name: 'AccountToken',
  tableName: 'account_tokens',
  properties: {
    selector: { type: 'string', primary: true },
    verifierHash: { type: 'string', fieldName: 'verifier_hash' },
    userId: { type: 'uuid', fieldName: 'user_id' },
    purpose: { type: 'string' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    expiresAt: { type: 'Date', fieldName: 'expires_at' },
    usedAt: { type: 'Date', fieldName: 'used_at', nullable: true },
  },
});
