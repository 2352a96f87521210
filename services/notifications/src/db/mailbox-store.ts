import type { MikroORM } from '@mikro-orm/postgresql';
import { DevMailSchema, type DevMailRow } from './dev-mail.entity';

/** The dev mailbox's table; each call runs on its own fork of the ORM. */
export function createMailboxStore(orm: MikroORM) {
  return {
    async keep(row: DevMailRow): Promise<void> {
      await orm.em.fork().insert(DevMailSchema, row);
    },

    /** Newest first; with `to`, only the mail to that address. */
    async page(to: string | undefined, page: number, pageSize: number): Promise<{ items: DevMailRow[]; total: number }> {
      const [items, total] = await orm.em
        .fork()
        .findAndCount(DevMailSchema, to ? { to } : {}, { orderBy: { sentAt: 'desc', id: 'desc' }, limit: pageSize, offset: (page - 1) * pageSize });
      return { items, total };
    },
  };
}

export type MailboxStore = ReturnType<typeof createMailboxStore>;
