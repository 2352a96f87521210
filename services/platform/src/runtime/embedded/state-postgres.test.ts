import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { DomainError } from '../../errors';
import { testDatabaseUrl } from '../../testing/database-url';
import { createRuntimeTables } from './schema';
import { createPostgresStateStore } from './state-postgres';

interface Cart {
  lines: string[];
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('embedded Postgres state store', () => {
  let pool: Pool;
  let schema: string;
  const key = () => `cart-${randomBytes(4).toString('hex')}`;
  const store = (appId = 'cart') => createPostgresStateStore(pool, schema, appId);

  beforeAll(async () => {
    pool = new Pool({ connectionString: testDatabaseUrl(), max: 8 });
    schema = `state_${randomBytes(4).toString('hex')}`;
    await createRuntimeTables(pool, schema);
  });
  afterAll(async () => {
    await pool.query(`drop schema ${schema} cascade`);
    await pool.end();
  });

  it('when a value is saved, then get returns it with the etag save returned', async () => {
    const k = key();

    const etag = await store().save<Cart>(k, { lines: ['lamp'] });
    const entry = await store().get<Cart>(k);

    expect(entry).toEqual({ value: { lines: ['lamp'] }, etag });
  });

  it('when a key was never saved, then get returns undefined', async () => {
    expect(await store().get(key())).toBeUndefined();
  });

  it('when N writers save concurrently with the same etag, then exactly one wins and the others get 409 etag-mismatch', async () => {
    const k = key();
    const initial = await store().save<Cart>(k, { lines: [] });
    const writers = Array.from({ length: 12 }, (_, i) => i);

    const outcomes = await Promise.allSettled(writers.map((i) => store().save<Cart>(k, { lines: [`writer-${i}`] }, { etag: initial })));

    const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [{ writer: i, etag: o.value }] : []));
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(writers.length - 1);
    for (const reason of lost) {
      expect(reason).toBeInstanceOf(DomainError);
      expect(reason).toMatchObject({ status: 409, code: 'etag-mismatch' });
    }
    expect(await store().get<Cart>(k)).toEqual({ value: { lines: [`writer-${won[0]!.writer}`] }, etag: won[0]!.etag });
  });

  it('when writers race on separate stores (separate pools) with the same etag, then still exactly one wins', async () => {
    const k = key();
    const initial = await store().save<Cart>(k, { lines: [] });
    const pools = [new Pool({ connectionString: testDatabaseUrl(), max: 2 }), new Pool({ connectionString: testDatabaseUrl(), max: 2 })];
    try {
      const replicas = pools.map((p) => createPostgresStateStore(p, schema, 'cart'));

      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => replicas[i % 2]!.save<Cart>(k, { lines: [`replica-${i}`] }, { etag: initial })),
      );

      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('when a save carries a stale etag, then it is a 409 and the stored value is unchanged', async () => {
    const k = key();
    const first = await store().save<Cart>(k, { lines: ['a'] });
    const second = await store().save<Cart>(k, { lines: ['b'] }, { etag: first });

    const err = await rejection(store().save<Cart>(k, { lines: ['c'] }, { etag: first }));

    expect(err).toMatchObject({ status: 409, code: 'etag-mismatch' });
    expect(await store().get<Cart>(k)).toEqual({ value: { lines: ['b'] }, etag: second });
  });

  it('when a save carries an etag for a key that does not exist, then it is a 409', async () => {
    const err = await rejection(store().save<Cart>(key(), { lines: [] }, { etag: 'made-up' }));

    expect(err.status).toBe(409);
  });

  it('when a TTL has passed, then the entry reads as absent (get and getBulk) and an etag save on it is a 409', async () => {
    const k = key();
    const etag = await store().save<Cart>(k, { lines: ['soon gone'] }, { ttlSeconds: 1 });
    const before = await store().get<Cart>(k);

    await new Promise((r) => setTimeout(r, 1_200));

    expect(before?.value).toEqual({ lines: ['soon gone'] });
    expect(await store().get(k)).toBeUndefined();
    expect((await store().getBulk([k])).size).toBe(0);
    expect((await rejection(store().save<Cart>(k, { lines: [] }, { etag }))).status).toBe(409);
  });

  it('when an expired key is saved again without an etag, then it is live again and no longer expires', async () => {
    const k = key();
    await store().save<Cart>(k, { lines: ['old'] }, { ttlSeconds: 1 });
    await new Promise((r) => setTimeout(r, 1_100));

    await store().save<Cart>(k, { lines: ['new'] });

    expect((await store().get<Cart>(k))?.value).toEqual({ lines: ['new'] });
    const { rows } = await pool.query(`select expires_at from ${schema}.state where key = $1`, [`cart||${k}`]);
    expect(rows[0].expires_at).toBeNull();
  });

  it('when getBulk asks for several keys, then it returns the present ones keyed as asked, with their etags', async () => {
    const [a, b, missing] = [key(), key(), key()];
    const etagA = await store().save(a, { lines: ['a'] });
    const etagB = await store().save(b, { lines: ['b'] });

    const bulk = await store().getBulk<Cart>([a, b, missing]);

    expect([...bulk.keys()].sort()).toEqual([a, b].sort());
    expect(bulk.get(a)).toEqual({ value: { lines: ['a'] }, etag: etagA });
    expect(bulk.get(b)).toEqual({ value: { lines: ['b'] }, etag: etagB });
  });

  it('when a delete carries a stale etag, then it is a 409 and the value stays', async () => {
    const k = key();
    const stale = await store().save(k, { lines: ['1'] });
    await store().save(k, { lines: ['2'] });

    const err = await rejection(store().delete(k, { etag: stale }));

    expect(err).toMatchObject({ status: 409, code: 'etag-mismatch' });
    expect((await store().get<Cart>(k))?.value).toEqual({ lines: ['2'] });
  });

  it('when a delete carries the current etag, then the key is gone', async () => {
    const k = key();
    const etag = await store().save(k, { lines: ['1'] });

    await store().delete(k, { etag });

    expect(await store().get(k)).toBeUndefined();
  });

  it('when a key that does not exist is deleted without an etag, then nothing fails', async () => {
    await expect(store().delete(key())).resolves.toBeUndefined();
  });

  it('when two apps use the same key, then each sees only its own value', async () => {
    const k = key();
    await store('cart').save(k, { owner: 'cart' });
    await store('catalog').save(k, { owner: 'catalog' });

    const [cart, catalog] = await Promise.all([store('cart').get(k), store('catalog').get(k)]);
    const bulk = await store('catalog').getBulk([k]);
    await store('catalog').delete(k);

    expect(cart?.value).toEqual({ owner: 'cart' });
    expect(catalog?.value).toEqual({ owner: 'catalog' });
    expect(bulk.get(k)?.value).toEqual({ owner: 'catalog' });
    expect((await store('cart').get(k))?.value).toEqual({ owner: 'cart' });
  });

  it("when one app holds another app's etag, then it cannot overwrite that app's key", async () => {
    const k = key();
    const cartEtag = await store('cart').save(k, { owner: 'cart' });

    const err = await rejection(store('catalog').save(k, { owner: 'catalog' }, { etag: cartEtag }));

    expect(err.status).toBe(409);
  });

  it('when 900 callers throttle one key in parallel with a limit of 600, then exactly 600 pass (one atomic statement each)', async () => {
    const k = key();
    const rate = { limit: 600, periodMs: 60_000 };
    const now = 1_800_000_000_000;

    const results = await Promise.all(Array.from({ length: 900 }, () => store('gateway').throttle(k, rate, now)));

    expect(results.filter((r) => r.allowed)).toHaveLength(600);
    expect(results.filter((r) => !r.allowed).every((r) => r.retryAfterMs === 100)).toBe(true);
  });

  it('when time moves on by one interval after a spent budget, then one more passes, then none', async () => {
    const k = key();
    const rate = { limit: 2, periodMs: 60_000 };
    const now = 1_800_000_000_000;
    await store().throttle(k, rate, now);
    await store().throttle(k, rate, now);

    const later = [await store().throttle(k, rate, now + 30_000), await store().throttle(k, rate, now + 30_000)];

    expect(later.map((r) => r.allowed)).toEqual([true, false]);
  });
  it('when saving only if absent, then the first writer creates the key and a later one gets a 409', async () => {
    const k = key();
    await store().save<Cart>(k, { lines: ['first'] }, { onlyIfAbsent: true });

    const second = await rejection(store().save<Cart>(k, { lines: ['second'] }, { onlyIfAbsent: true }));

    expect(second).toMatchObject({ status: 409, code: 'etag-mismatch' });
    expect((await store().get<Cart>(k))?.value).toEqual({ lines: ['first'] });
  });

  it('when saving only if absent over an expired entry, then the expired entry counts as absent', async () => {
    const k = key();
    await store().save<Cart>(k, { lines: ['old'] });
    await pool.query(`update ${schema}.state set expires_at = now() - interval '1 second' where key = $1`, [`cart||${k}`]);

    await store().save<Cart>(k, { lines: ['new'] }, { onlyIfAbsent: true });

    expect((await store().get<Cart>(k))?.value).toEqual({ lines: ['new'] });
  });
});
