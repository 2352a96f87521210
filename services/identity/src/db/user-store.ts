import { LockMode, UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/postgresql';
import { Topics } from '@shopmesh/contracts';
import { recordEvent } from '@shopmesh/platform';
import type { LoginState, UserRow, UserStore } from '../domain/ports';
import { UserSchema, type UserRecord } from './user.entity';

const toUserRow = (r: UserRecord): UserRow => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  passwordHash: r.passwordHash,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  login: { failedLogins: r.failedLogins, failureWindowStartedAt: r.failureWindowStartedAt ?? null, lockedUntil: r.lockedUntil ?? null },
});

/** Users in PostgreSQL; `onEvents` runs after a commit that queued outbox events. */
export function createUserStore(orm: MikroORM, onEvents: () => void): UserStore {
  return {
    async register(user, event) {
      try {
        await orm.em.fork().transactional(async (em) => {
          em.create(UserSchema, {
            id: user.id,
            email: user.email,
            name: user.name,
            role: user.role,
            passwordHash: user.passwordHash,
            failedLogins: 0,
            createdAt: user.createdAt,
            updatedAt: user.updatedAt,
          });
          recordEvent(em, Topics.userRegistered, event);
        });
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException) return 'email-taken';
        throw err;
      }
      onEvents();
      return 'created';
    },

    async byEmail(email) {
      const record = await orm.em.fork().findOne(UserSchema, { email });
      return record ? toUserRow(record) : undefined;
    },

    async byId(id) {
      const record = await orm.em.fork().findOne(UserSchema, { id });
      return record ? toUserRow(record) : undefined;
    },

    updateLoginState(userId, change) {
      return orm.em.fork().transactional(async (em) => {
        const record = await em.findOneOrFail(UserSchema, { id: userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const next: LoginState = change(toUserRow(record).login);
        record.failedLogins = next.failedLogins;
        record.failureWindowStartedAt = next.failureWindowStartedAt;
        record.lockedUntil = next.lockedUntil;
        return next;
      });
    },

    async rename(id, name, now) {
      const em = orm.em.fork();
      const record = await em.findOne(UserSchema, { id });
      if (!record) return undefined;
      record.name = name;
      record.updatedAt = now;
      await em.flush();
      return toUserRow(record);
    },
  };
}
