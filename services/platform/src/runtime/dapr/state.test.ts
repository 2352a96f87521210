import { StateConcurrencyEnum } from '@dapr/dapr';
import { DomainError } from '../../errors';
import { createDaprStateStore, type DaprStateClient } from './state';

type SaveArgs = Parameters<DaprStateClient['save']>;

/**
 * Behaves like the gRPC SDK over daprd with state.redis: values are stored as the text sent, reads
 * JSON-parse it (or leave it as a string), a missing key reads as empty data with no etag, etags are
 * versions, and a stale etag rejects with gRPC Aborted.
 */
function fakeRedisState() {
  const rows = new Map<string, { text: string; version: number }>();
  const saves: SaveArgs[] = [];
  const etagError = (code: number) => Object.assign(new Error('failed saving state in state store statestore: possible etag mismatch'), { code });
  let beforeReadBack: (() => void) | undefined;
  const client: DaprStateClient = {
    async save(store, items, options) {
      saves.push([store, items, options]);
      for (const item of items) {
        const current = rows.get(item.key);
        // state.redis treats first-write without an etag as insert-only.
        if (item.etag === undefined && item.options?.concurrency === StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE && current) {
          throw new Error(`failed to set key ${item.key}`);
        }
        if (item.etag !== undefined) {
          if (!/^\d+$/.test(item.etag)) throw etagError(3);
          if (current && String(current.version) !== item.etag) throw etagError(10);
        }
        rows.set(item.key, { text: String(item.value), version: (current?.version ?? 0) + 1 });
      }
      beforeReadBack?.();
      return {};
    },
    async getBulk(_store, keys) {
      return keys.map((key) => {
        const row = rows.get(key);
        if (!row) return { key, data: '', etag: '' };
        let data: unknown;
        try {
          data = JSON.parse(row.text);
        } catch {
          data = row.text;
        }
        return { key, data, etag: String(row.version) };
      }) as never;
    },
    async delete(_store, key, options) {
      const current = rows.get(key);
      if (options?.etag !== undefined && String(current?.version) !== options.etag) throw etagError(10);
      rows.delete(key);
      return {};
    },
  };
  return {
    client,
    saves,
    overwrite: (key: string, text: string) => rows.set(key, { text, version: (rows.get(key)?.version ?? 0) + 1 }),
    interleave: (fn: () => void) => {
      beforeReadBack = () => {
        beforeReadBack = undefined;
        fn();
      };
    },
  };
}

describe('dapr state store', () => {
  it('when a value is saved, then get returns it with the etag save returned', async () => {
    const { client } = fakeRedisState();
    const store = createDaprStateStore(client, 'statestore');

    const etag = await store.save('cart:u1', { items: [{ productId: 'p1', quantity: 2 }] });

    expect(await store.get('cart:u1')).toEqual({ value: { items: [{ productId: 'p1', quantity: 2 }] }, etag });
  });

  it('when a string that looks like a number is saved, then it reads back as the same string', async () => {
    const { client } = fakeRedisState();
    const store = createDaprStateStore(client, 'statestore');

    await store.save('k', '42');

    expect((await store.get('k'))?.value).toBe('42');
  });

  it('when the key does not exist, then get is undefined and getBulk leaves it out', async () => {
    const { client } = fakeRedisState();
    const store = createDaprStateStore(client, 'statestore');
    await store.save('a', { n: 1 });

    const missing = await store.get('nope');
    const bulk = await store.getBulk<{ n: number }>(['a', 'nope']);

    expect(missing).toBeUndefined();
    expect([...bulk.keys()]).toEqual(['a']);
    expect(bulk.get('a')?.value).toEqual({ n: 1 });
  });

  it('when saving with a stale etag, then a 409 etag-mismatch DomainError is thrown', async () => {
    const { client } = fakeRedisState();
    const store = createDaprStateStore(client, 'statestore');
    const first = await store.save('k', { v: 1 });
    await store.save('k', { v: 2 }, { etag: first });

    const attempt = store.save('k', { v: 3 }, { etag: first });

    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ status: 409, code: 'etag-mismatch' });
    expect((await store.get('k'))?.value).toEqual({ v: 2 });
  });

  it('when the etag is malformed for the store, then it is a 409 as well', async () => {
    const { client } = fakeRedisState();
    const store = createDaprStateStore(client, 'statestore');
    await store.save('k', { v: 1 });

    await expect(store.save('k', { v: 2 }, { etag: 'not-a-version' })).rejects.toMatchObject({ status: 409, code: 'etag-mismatch' });
  });

  it('when saving with an etag and a TTL, then first-write concurrency and ttlInSeconds metadata are sent', async () => {
    const { client, saves } = fakeRedisState();
    const store = createDaprStateStore(client, 'statestore');
    const etag = await store.save('k', { v: 1 });

    await store.save('k', { v: 2 }, { etag, ttlSeconds: 3600 });

    const [plain, conditional] = saves.map(([, items]) => items[0]!);
    expect(plain!.options?.concurrency).toBe(StateConcurrencyEnum.CONCURRENCY_LAST_WRITE);
    expect(plain!.metadata).toBeUndefined();
    expect(conditional).toMatchObject({ etag, metadata: { ttlInSeconds: '3600' }, options: { concurrency: StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE } });
  });

  it('when saving only if absent, then the first writer creates the key and a second one gets a 409', async () => {
    const { client, saves } = fakeRedisState();
    const store = createDaprStateStore(client, 'statestore');

    await store.save('k', { v: 1 }, { onlyIfAbsent: true });
    const second = await store.save('k', { v: 2 }, { onlyIfAbsent: true }).catch((err: unknown) => err);

    expect(saves[0]![1][0]!.options?.concurrency).toBe(StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE);
    expect(second).toBeInstanceOf(DomainError);
    expect(second).toMatchObject({ status: 409, code: 'etag-mismatch' });
    expect((await store.get('k'))?.value).toEqual({ v: 1 });
  });

  it('when another writer overtakes the save before its etag is read, then the returned etag fails the next conditional save', async () => {
    const fake = fakeRedisState();
    const store = createDaprStateStore(fake.client, 'statestore');
    fake.interleave(() => fake.overwrite('k', JSON.stringify({ v: 'theirs' })));

    const etag = await store.save('k', { v: 'mine' });

    await expect(store.save('k', { v: 'mine again' }, { etag })).rejects.toMatchObject({ status: 409 });
    expect((await store.get('k'))?.value).toEqual({ v: 'theirs' });
  });

  it('when deleting with a stale etag, then a 409 is thrown and the entry stays', async () => {
    const { client } = fakeRedisState();
    const store = createDaprStateStore(client, 'statestore');
    const first = await store.save('k', { v: 1 });
    const second = await store.save('k', { v: 2 }, { etag: first });

    await expect(store.delete('k', { etag: first })).rejects.toMatchObject({ status: 409, code: 'etag-mismatch' });
    await store.delete('k', { etag: second });

    expect(await store.get('k')).toBeUndefined();
  });

  it('when the sidecar fails for another reason, then that error propagates unchanged', async () => {
    const { client } = fakeRedisState();
    const unavailable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:50001'), { code: 14 });
    client.save = async () => {
      throw unavailable;
    };
    const store = createDaprStateStore(client, 'statestore');

    await expect(store.save('k', { v: 1 }, { etag: '1' })).rejects.toBe(unavailable);
  });

  it('when 100 callers throttle one new key in parallel, then no more than the limit pass, however the races fall', async () => {
    const { client } = fakeRedisState();
    const store = createDaprStateStore(client, 'statestore');
    const rate = { limit: 20, periodMs: 60_000 };

    const results = await Promise.all(Array.from({ length: 100 }, () => store.throttle('ratelimit|login|ip', rate, 1_000)));

    const passed = results.filter((r) => r.allowed).length;
    expect(passed).toBeGreaterThan(0);
    expect(passed).toBeLessThanOrEqual(20);
    expect(results.filter((r) => !r.allowed).every((r) => r.retryAfterMs >= 1)).toBe(true);
  });

  it('when callers throttle one after another, then exactly the limit passes and the TAT is kept with a TTL', async () => {
    const { client, saves } = fakeRedisState();
    const store = createDaprStateStore(client, 'statestore');
    const rate = { limit: 3, periodMs: 60_000 };

    const results = [];
    for (let i = 0; i < 4; i++) results.push(await store.throttle('k', rate, 1_000));

    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(saves.at(-1)?.[1][0]?.metadata).toEqual({ ttlInSeconds: '61' });
  });
});
