import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { AccountTokenStore, AccountTokenTx } from '../domain/ports';
import { AccountTokenSchema } from './account-token.entity';
import { RefreshTokenSchema } from './refresh-token.entity';
import { UserSchema } from './user.entity';

function txOf(em: EntityManager): AccountTokenTx {
  return {
    async lock(selector) {
      const record = await em.findOne(AccountTokenSchema, { selector }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      return record ? { ...record, usedAt: record.usedAt ?? null } : undefined;
    },
    async retire(userId, purpose, now) {
      await em.nativeUpdate(AccountTokenSchema, { userId, purpose, usedAt: null }, { usedAt: now });
    },
    async setPassword(userId, passwordHash, now) {
      await em.nativeUpdate(UserSchema, { id: userId }, { passwordHash, updatedAt: now });
    },
    async markEmailVerified(userId, now) {
      await em.nativeUpdate(UserSchema, { id: userId, emailVerifiedAt: null }, { emailVerifiedAt: now, updatedAt: now });
    },
    async revokeSessions(userId, now) {
      await em.nativeUpdate(RefreshTokenSchema, { userId, revokedAt: null }, { revokedAt: now });
      const issued = await em.find(RefreshTokenSchema, { userId, accessJti: { $ne: null }, accessExpiresAt: { $gt: now } });
      return issued.map((r) => ({ jti: r.accessJti!, expiresAt: r.accessExpiresAt! }));
    },
  };
}

/** Password-reset and verification tokens in PostgreSQL. */
export function createAccountTokenStore(orm: MikroORM): AccountTokenStore {
  return {
    async insert(row) {
      await orm.em.fork().insert(AccountTokenSchema, row);
    },
    async get(selector) {
      const record = await orm.em.fork().findOne(AccountTokenSchema, { selector });
      return record ? { ...record, usedAt: record.usedAt ?? null } : undefined;
    },
    transaction: (work) => orm.em.fork().transactional((em) => work(txOf(em))),
  };
}
