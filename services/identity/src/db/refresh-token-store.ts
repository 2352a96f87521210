import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { RefreshTokenRow, RefreshTokenStore, RefreshTokenTx } from '../domain/ports';
import { RefreshTokenSchema, type RefreshTokenRecord } from './refresh-token.entity';

const toRow = (r: RefreshTokenRecord): RefreshTokenRow => ({
  tokenHash: r.tokenHash,
  familyId: r.familyId,
  userId: r.userId,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
  usedAt: r.usedAt ?? null,
  revokedAt: r.revokedAt ?? null,
  accessJti: r.accessJti ?? null,
  accessExpiresAt: r.accessExpiresAt ?? null,
});

function txOf(em: EntityManager): RefreshTokenTx {
  return {
    async lock(tokenHash) {
      const record = await em.findOne(RefreshTokenSchema, { tokenHash }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      return record ? toRow(record) : undefined;
    },
    async markUsed(tokenHash, now) {
      await em.nativeUpdate(RefreshTokenSchema, { tokenHash }, { usedAt: now });
    },
    async revokeFamily(familyId, now) {
      await em.nativeUpdate(RefreshTokenSchema, { familyId, revokedAt: null }, { revokedAt: now });
      const issued = await em.find(RefreshTokenSchema, { familyId, accessJti: { $ne: null }, accessExpiresAt: { $gt: now } });
      return issued.map((r) => ({ jti: r.accessJti!, expiresAt: r.accessExpiresAt! }));
    },
    async insert(row) {
      await em.insert(RefreshTokenSchema, row);
    },
  };
}

/** Refresh tokens in PostgreSQL. */
export function createRefreshTokenStore(orm: MikroORM): RefreshTokenStore {
  return {
    async insert(row) {
      await orm.em.fork().insert(RefreshTokenSchema, row);
    },
    transaction: (work) => orm.em.fork().transactional((em) => work(txOf(em))),
  };
}
