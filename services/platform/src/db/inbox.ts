import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { CloudEvent } from '../runtime/port';

/**
 * Runs `handle` for an event once: the inbox row and the handler's changes commit in one transaction,
 * so a redelivered event (same CloudEvent id) is acknowledged without being applied twice.
 */
export async function handleOnce(orm: MikroORM, event: CloudEvent, handle: (em: EntityManager) => Promise<void>): Promise<boolean> {
  return orm.em.fork().transactional(async (em) => {
    const inserted = await em
      .getConnection()
      .execute<{ event_id: string }[]>(
        `insert into "${orm.config.get('schema')}".inbox (event_id, topic) values (?, ?) on conflict do nothing returning event_id`,
        [event.id, event.topic],
        'all',
        em.getTransactionContext(),
      );
    if (inserted.length === 0) return false;
    await handle(em);
    return true;
  });
}
