import { EntitySchema } from '@mikro-orm/postgresql';
import type { StoredSigningKey } from '../auth/key-ring';

export const SigningKeySchema = new EntitySchema<StoredSigningKey>({
  name: 'SigningKey',
  tableName: 'signing_keys',
  properties: {
    kid: { type: 'string', primary: true },
    privatePem: { type: 'text', fieldName: 'private_pem' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
  },
});
