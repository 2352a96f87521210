import { EntitySchema } from '@mikro-orm/postgresql';
import type { Role } from '@shopmesh/contracts';

/** A `users` row. */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  emailVerifiedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const UserSchema = new EntitySchema<UserRecord>({
  name: 'User',
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string', unique: true },
    name: { type: 'string' },
    role: { type: 'string' },
    passwordHash: { type: 'string', fieldName: 'password_hash' },
    emailVerifiedAt: { type: 'Date', fieldName: 'email_verified_at', nullable: true },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
  },
});
