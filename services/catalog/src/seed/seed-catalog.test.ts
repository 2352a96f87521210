import { createLogger, DomainError } from '@shopmesh/platform';
import type { CatalogStore, EmbeddingsPort, InventoryPort } from '../domain/ports';
import { generateCatalogSeed } from './generate';
import { seedCatalog } from './seed-catalog';
import { SEED_SELLERS } from './sellers';

const logger = createLogger({ level: 'silent' });
const seed = generateCatalogSeed(SEED_SELLERS);

// inventory fails its first `failures` stock calls with `error`, then takes every call.
function fakes(failures: number, error: () => Error) {
  const stock = new Map<string, number>();
  let failed = 0;
  let inserted = 0;
  const inventory: InventoryPort = {
    available: async () => new Map(),
    availableIfReachable: async () => undefined,
    setStock: async (productId, sellerId, onHand) => {
      if (failed < failures) {
        failed++;
        throw error();
      }
      stock.set(productId, onHand);
      return { productId, sellerId, onHand, reserved: 0, available: onHand, updatedAt: new Date().toISOString() };
    },
  };
  const store: Partial<CatalogStore> = {
    hasProducts: async () => inserted > 0,
    insertCatalog: async (data) => {
      inserted = data.products.length;
    },
    productsWithoutEmbedding: async () => [],
  };
  const embeddings: EmbeddingsPort = { embed: async () => [] };
  return { deps: { store: store as CatalogStore, inventory, embeddings }, stock, inserted: () => inserted };
}

describe('seedCatalog', () => {
  it('when inventory is not reachable yet at start, then the stock is set again after a backoff and the catalog is seeded', async () => {
    const unreachable = () => new DomainError(502, 'upstream-unavailable', 'inventory is unavailable (answered 500)');
    const { deps, stock, inserted } = fakes(3, unreachable);

    await seedCatalog(deps, seed, logger, { retryDelayMs: 1 });

    expect(inserted()).toBe(seed.products.length);
    expect(stock.size).toBe(seed.products.length);
    for (const p of seed.products) expect(stock.get(p.id)).toBe(p.stock);
  });

  it('when inventory refuses the stock with a 4xx, then seeding fails at once and nothing is inserted', async () => {
    const refused = () => new DomainError(400, 'validation-failed', 'onHand must be a whole number');
    const { deps, inserted } = fakes(1, refused);

    await expect(seedCatalog(deps, seed, logger, { retryDelayMs: 1 })).rejects.toMatchObject({ status: 400, code: 'validation-failed' });

    expect(inserted()).toBe(0);
  });
});
