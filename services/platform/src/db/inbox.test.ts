import { randomBytes, randomUUID } from 'node:crypto';
import { EntitySchema, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';
import { createLogger } from '../logger';
import type { CloudEvent } from '../runtime/port';
import type { ServiceDatabase } from '../service';
import { testDatabaseUrl } from '../testing/database-url';
import { handleOnce } from './inbox';
import { openServiceDatabase } from './orm';

const logger = createLogger({ name: 'test', level: 'silent' });

interface Stock {
  productId: string;
  reserved: number;
}

const StockSchema = new EntitySchema<Stock>({
  name: 'Stock',
  tableName: 'stock',
  properties: { productId: { type: 'string', primary: true, fieldName: 'product_id' }, reserved: { type: 'number' } },
});

class CreateStock extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table stock (product_id text primary key, reserved int not null)');
  }
}

const database: ServiceDatabase = { entities: [StockSchema], migrations: [{ name: '001-stock', class: CreateStock }] };

const eventFor = (productId: string, id = randomUUID()): CloudEvent<{ productId: string }> => ({
  id,
  source: 'orders',
  type: 'order.placed',
  specversion: '1.0',
  datacontenttype: 'application/json',
  time: new Date().toISOString(),
  topic: 'order.placed',
  data: { productId },
});

describe('handleOnce (inbox)', () => {
  const schema = `inbox_${randomBytes(4).toString('hex')}`;
  let orm: MikroORM;
  let calls = 0;

  /** The consumer under test: reserves one unit per event, in the inbox's transaction. */
  const reserveOne =
    (productId: string, fail = false) =>
    async (em: EntityManager) => {
      calls++;
      const stock = await em.findOneOrFail(StockSchema, { productId });
      stock.reserved += 1;
      await em.flush();
      if (fail) throw new Error('handler crashed after writing');
    };
  const reserved = async (productId: string) => (await orm.em.fork().findOneOrFail(StockSchema, { productId })).reserved;
  const newProduct = async () => {
    const productId = `p-${randomBytes(3).toString('hex')}`;
    const em = orm.em.fork();
    em.create(StockSchema, { productId, reserved: 0 });
    await em.flush();
    return productId;
  };

  beforeAll(async () => {
    orm = await openServiceDatabase(database, { url: testDatabaseUrl(), schema, poolSize: 4, qualifiedOnly: true }, logger);
  });
  beforeEach(() => {
    calls = 0;
  });
  afterAll(async () => {
    await orm.em.getConnection().execute(`drop schema "${schema}" cascade`);
    await orm.close(true);
  });

  it('when an event is redelivered, then it is applied once and the redelivery reports false', async () => {
    const productId = await newProduct();
    const event = eventFor(productId);

    const first = await handleOnce(orm, event, reserveOne(productId));
    const second = await handleOnce(orm, event, reserveOne(productId));

    expect([first, second]).toEqual([true, false]);
    expect(calls).toBe(1);
    expect(await reserved(productId)).toBe(1);
  });

  it('when the same event arrives several times concurrently, then exactly one delivery applies it', async () => {
    const productId = await newProduct();
    const event = eventFor(productId);

    const outcomes = await Promise.all(Array.from({ length: 5 }, () => handleOnce(orm, event, reserveOne(productId))));

    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await reserved(productId)).toBe(1);
  });

  it('when two different events arrive, then both are applied', async () => {
    const productId = await newProduct();

    await handleOnce(orm, eventFor(productId), reserveOne(productId));
    await handleOnce(orm, eventFor(productId), reserveOne(productId));

    expect(await reserved(productId)).toBe(2);
  });

  it('when the handler fails, then its changes and the inbox row roll back, so the redelivery applies the event', async () => {
    const productId = await newProduct();
    const event = eventFor(productId);

    await expect(handleOnce(orm, event, reserveOne(productId, true))).rejects.toThrow('handler crashed');
    const afterFailure = await reserved(productId);
    const retried = await handleOnce(orm, event, reserveOne(productId));

    expect(afterFailure).toBe(0);
    expect(retried).toBe(true);
    expect(await reserved(productId)).toBe(1);
  });

  it('when an event is handled, then the inbox records its id and topic', async () => {
    const productId = await newProduct();
    const event = eventFor(productId);

    await handleOnce(orm, event, reserveOne(productId));

    const rows = await orm.em.getConnection().execute<{ topic: string }[]>(`select topic from "${schema}".inbox where event_id = ?`, [event.id]);
    expect(rows).toEqual([{ topic: 'order.placed' }]);
  });
});
