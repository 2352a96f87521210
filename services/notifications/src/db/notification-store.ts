import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { NotificationSchema, type NotificationRow } from './notification.entity';
import { OrderOwnerSchema } from './order-owner.entity';

/** Most notifications one SSE reconnect replays. */
const REPLAY_LIMIT = 200;

/** Notification writes inside an event handler's transaction. */
export const notificationWrites = (em: EntityManager) => ({
  add(row: NotificationRow): void {
    em.create(NotificationSchema, row);
  },
  async rememberOrderOwner(orderId: string, userId: string): Promise<void> {
    await em.createQueryBuilder(OrderOwnerSchema).insert({ orderId, userId }).onConflict('orderId').ignore().execute('run');
  },
  async ownerOf(orderId: string): Promise<string | undefined> {
    return (await em.findOne(OrderOwnerSchema, { orderId }))?.userId;
  },
});

/** Reads and the read-marker of the API; each call runs on its own fork of the ORM. */
export function createNotificationStore(orm: MikroORM) {
  return {
    async pageFor(userId: string, page: number, pageSize: number): Promise<{ items: NotificationRow[]; total: number; unreadCount: number }> {
      const em = orm.em.fork();
      const [items, total] = await em.findAndCount(
        NotificationSchema,
        { userId },
        { orderBy: { createdAt: 'desc', id: 'desc' }, limit: pageSize, offset: (page - 1) * pageSize },
      );
      const unreadCount = await em.count(NotificationSchema, { userId, readAt: null });
      return { items, total, unreadCount };
    },

    /** Marks the user's notification read (keeping the first read time); undefined when it is not theirs. */
    async markRead(id: string, userId: string, now: Date): Promise<NotificationRow | undefined> {
      const em = orm.em.fork();
      const row = await em.findOne(NotificationSchema, { id, userId });
      if (!row) return undefined;
      row.readAt ??= now;
      await em.flush();
      return row;
    },

    /**
     * The user's notifications since `lastId`, oldest first; none when `lastId` is not theirs. Rows of the
     * same millisecond as `lastId` are included: ids are random, so only a repeat (which clients drop by
     * id) is certain not to lose one.
     */
    async createdSince(userId: string, lastId: string): Promise<NotificationRow[]> {
      const em = orm.em.fork();
      const last = await em.findOne(NotificationSchema, { id: lastId, userId });
      if (!last) return [];
      return em.find(
        NotificationSchema,
        { userId, createdAt: { $gte: last.createdAt }, id: { $ne: last.id } },
        { orderBy: { createdAt: 'asc', id: 'asc' }, limit: REPLAY_LIMIT },
      );
    },
  };
}

export type NotificationStore = ReturnType<typeof createNotificationStore>;
