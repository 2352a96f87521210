import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/postgresql';
import { Topics } from '@shopmesh/contracts';
import { recordEvent } from '@shopmesh/platform';
import type { UserRow, UserStore } from '../domain/ports';
import { UserSchema, type UserRecord } from './user.entity';

const toUserRow = (r: UserRecord): UserRow => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  passwordHash: r.passwordHash,
  emailVerifiedAt: r.emailVerifiedAt ?? null,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
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
            emailVerifiedAt: user.emailVerifiedAt,
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
