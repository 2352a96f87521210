import { randomUUID } from 'node:crypto';
import { createLogger, type StateEntry, type StateStore } from '@shopmesh/platform';
import type { CatalogStore, ProductRecord } from '../domain/ports';
import { cachedCatalogStore } from './cached-store';

/** A state store in a Map, with the JSON round trip a real one makes. */
function memoryState(): StateStore & { keys(): string[] } {
  const data = new Map<string, string>();
  return {
    get: async <T>(key: string) => (data.has(key) ? ({ value: JSON.parse(data.get(key)!) as T, etag: '1' } satisfies StateEntry<T>) : undefined),
    save: async (key, value) => {
      data.set(key, JSON.stringify(value));
      return '1';
    },
    delete: async (key) => {
      data.delete(key);
    },
    getBulk: async () => new Map(),
    throttle: async () => {
      throw new Error('the catalog cache never throttles');
    },
    keys: () => [...data.keys()],
  };
}

const product: ProductRecord = {
  id: randomUUID(),
  sellerId: randomUUID(),
  name: 'Oak desk',
  slug: 'oak-desk',
  description: 'A desk',
  category: 'furniture',
  priceAmount: 12_000,
  currency: 'EUR',
  imageUrl: '/img/desk.png',
  attributes: { wood: 'oak' },
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-02T00:00:00Z'),
  deletedAt: null,
  ratingCount: 0,
  ratingTotal: 0,
};

function countingStore() {
  const calls = { product: 0, categories: 0 };
  const store = {
    product: async (id: string) => {
      calls.product++;
      return id === product.id ? product : undefined;
    },
    categories: async () => {
      calls.categories++;
      return [{ slug: 'furniture', name: 'Furniture', description: '', productCount: 1 }];
    },
    markProductChanged: async () => undefined,
  } as unknown as CatalogStore;
  return { store, calls };
}

const logger = createLogger({ level: 'silent' });

describe('catalog cache-aside', () => {
  it('when a product is read twice, then the database is asked once and the cached copy equals the stored one', async () => {
    const { store, calls } = countingStore();
    const { store: cached } = cachedCatalogStore(store, memoryState(), logger, { ttlSeconds: 60 });

    const first = await cached.product(product.id);
    const second = await cached.product(product.id);

    expect(calls.product).toBe(1);
    expect(second).toEqual(first);
    expect(second?.updatedAt).toBeInstanceOf(Date);
  });

  it('when a product is unknown, then the miss is not cached', async () => {
    const { store, calls } = countingStore();
    const { store: cached } = cachedCatalogStore(store, memoryState(), logger, { ttlSeconds: 60 });

    await cached.product(randomUUID());
    await cached.product(randomUUID());

    expect(calls.product).toBe(2);
  });

  it('when the product changes here or a product-changed event arrives, then the next read goes to the database', async () => {
    const { store, calls } = countingStore();
    const state = memoryState();
    const { store: cached, subscription } = cachedCatalogStore(store, state, logger, { ttlSeconds: 60 });
    await cached.product(product.id);
    await cached.categories();

    await cached.markProductChanged(product, new Date());
    await cached.product(product.id);
    await subscription.handler({
      id: randomUUID(),
      source: 'catalog',
      type: subscription.topic,
      specversion: '1.0',
      datacontenttype: 'application/json',
      time: new Date().toISOString(),
      topic: subscription.topic,
      data: { productId: product.id, sellerId: product.sellerId, change: 'updated' },
    });
    await cached.product(product.id);
    await cached.categories();

    expect(subscription.topic).toBe('catalog.product-changed');
    expect(calls.product).toBe(3);
    expect(calls.categories).toBe(2);
  });

  it('when the state store fails, then reads still answer from the database', async () => {
    const { store } = countingStore();
    const broken: StateStore = {
      get: async () => {
        throw new Error('redis down');
      },
      save: async () => {
        throw new Error('redis down');
      },
      delete: async () => undefined,
      getBulk: async () => new Map(),
      throttle: async () => {
        throw new Error('redis down');
      },
    };
    const { store: cached } = cachedCatalogStore(store, broken, logger, { ttlSeconds: 60 });

    expect((await cached.product(product.id))?.name).toBe('Oak desk');
  });
});
