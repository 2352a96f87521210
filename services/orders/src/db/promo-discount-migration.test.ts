import { randomBytes, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, openServiceDatabase } from '@shopmesh/platform';
import { testDatabaseUrl } from '@shopmesh/platform/testing';
import { ordersDatabase } from './schema';

const logger = createLogger({ name: 'test', level: 'silent' });

describe('migration 005: orders keep their promo code and discount', () => {
  const schema = `orders_m005_${randomBytes(3).toString('hex')}`;
  const open = (upTo: number) =>
    openServiceDatabase(
      { ...ordersDatabase, migrations: ordersDatabase.migrations.slice(0, upTo) },
      { url: testDatabaseUrl(), schema, poolSize: 2, qualifiedOnly: true },
      logger,
    );
  let orm: MikroORM | undefined;

  afterAll(async () => {
    await orm?.em.getConnection().execute(`drop schema "${schema}" cascade`);
    await orm?.close(true);
  });

  it('when orders placed before it carried a discount only in their total, then it is kept as an unnamed discount and full-price orders get none', async () => {
    const before = await open(4);
    const [discounted, fullPrice] = [randomUUID(), randomUUID()];
    const sql = (text: string, params: unknown[]) => before.em.getConnection().execute(text.replaceAll('@', `"${schema}".`), params);
    for (const [id, total] of [
      [discounted, 4500],
      [fullPrice, 5000],
    ] as const) {
      await sql(
        `insert into @orders (id, user_id, idempotency_key, request_hash, status, total_amount, currency, shipping_address, payment_last4, payment_method)
         values (?, ?, ?, 'h', 'CONFIRMED', ?, 'USD', '{}', '4242', ?)`,
        [id, randomUUID(), randomUUID(), total, randomUUID()],
      );
      await sql(`insert into @order_lines (order_id, line_no, product_id, seller_id, name, quantity, unit_price) values (?, 0, ?, ?, 'Lamp', 2, ?)`, [
        id,
        randomUUID(),
        randomUUID(),
        JSON.stringify({ amount: 2500, currency: 'USD' }),
      ]);
    }
    await before.close(true);

    orm = await open(ordersDatabase.migrations.length);
    const rows = await orm.em
      .getConnection()
      .execute<{ id: string; promo_code: string | null; discount_amount: string }[]>(`select id, promo_code, discount_amount from "${schema}".orders`);

    const byId = new Map(rows.map((r) => [r.id, [r.promo_code, Number(r.discount_amount)]]));
    expect(byId.get(discounted)).toEqual([null, 500]);
    expect(byId.get(fullPrice)).toEqual([null, 0]);
  });
});
