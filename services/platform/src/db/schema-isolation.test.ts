import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '../logger';
import { testDatabaseUrl } from '../testing/database-url';
import { OutboxMessageSchema } from './messaging-tables';
import { openServiceDatabase } from './orm';
import { recordEvent } from './outbox';

const logger = createLogger({ name: 'test', level: 'silent' });

// Two services on one database, as every host that shares one (the embedded shop, the tests) runs them.
describe('a schema per service on a shared database', () => {
  const suffix = randomBytes(3).toString('hex');
  let orders: MikroORM;
  let payments: MikroORM;

  beforeAll(async () => {
    const open = (name: string) =>
      openServiceDatabase({ entities: [], migrations: [] }, { url: testDatabaseUrl(), schema: `${name}_${suffix}`, poolSize: 2, qualifiedOnly: true }, logger);
    orders = await open('orders');
    payments = await open('payments');
  });
  afterAll(async () => {
    for (const orm of [orders, payments]) {
      await orm.em.getConnection().execute(`drop schema "${orm.config.get('schema')}" cascade`);
      await orm.close(true);
    }
  });

  it('when two services both have an outbox, then each writes and reads only its own', async () => {
    const em = orders.em.fork();
    recordEvent(em, 'orders.order-placed', { orderId: 'o-1' });
    await em.flush();

    expect(await orders.em.fork().count(OutboxMessageSchema, {})).toBe(1);
    expect(await payments.em.fork().count(OutboxMessageSchema, {})).toBe(0);
  });

  it('when SQL does not name its schema, then it fails instead of reaching another service’s table', async () => {
    const unqualified = (orm: MikroORM) => orm.em.fork().getConnection().execute('select count(*) from outbox');

    await expect(unqualified(orders)).rejects.toThrow(/relation "outbox" does not exist/);
    await expect(unqualified(payments)).rejects.toThrow(/relation "outbox" does not exist/);
  });
});
