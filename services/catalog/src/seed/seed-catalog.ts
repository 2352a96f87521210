import { retryTransient, type Logger } from '@shopmesh/platform';
import { embedMissingProducts } from '../domain/embedding-sync';
import type { CatalogStore, EmbeddingsPort, InventoryPort } from '../domain/ports';
import type { CatalogSeed, SeedProduct } from './generate';

const STOCK_CALLS_IN_FLIGHT = 8;
// On Kubernetes catalog may start before inventory (or its sidecar) answers: doubling waits from one
// second, about eight and a half minutes in all, before the start fails and the pod restarts.
const STOCK_ATTEMPTS = 10;
const STOCK_RETRY_DELAY_MS = 1_000;

async function setInitialStock(inventory: InventoryPort, products: SeedProduct[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < products.length; i = next++) {
      const p = products[i]!;
      await inventory.setStock(p.id, p.sellerId, p.stock);
    }
  };
  await Promise.all(Array.from({ length: STOCK_CALLS_IN_FLIGHT }, worker));
}

/**
 * Seeds an empty catalog. Stock is set first: setting stock is idempotent, so a crash before the
 * products are inserted only repeats it on the next start, and a product is never visible without stock.
 * Then every product is embedded in batches; without the model (or while embeddings is still
 * starting) the products stay without embeddings and the embedding backfill makes them later.
 * While inventory is unreachable (a 5xx) the stock is set again after a backoff; its 4xx is final.
 */
export async function seedCatalog(
  deps: { store: CatalogStore; inventory: InventoryPort; embeddings: EmbeddingsPort },
  seed: CatalogSeed,
  logger: Logger,
  options: { retryDelayMs?: number } = {},
): Promise<void> {
  if (await deps.store.hasProducts()) return;
  await retryTransient(
    async () => {
      try {
        await setInitialStock(deps.inventory, seed.products);
      } catch (err) {
        logger.warn({ err }, 'inventory did not take the seed stock (tried again while it answers 5xx)');
        throw err;
      }
    },
    { attempts: STOCK_ATTEMPTS, delayMs: options.retryDelayMs ?? STOCK_RETRY_DELAY_MS },
  );
  await deps.store.insertCatalog(seed);
  logger.info({ products: seed.products.length, categories: seed.categories.length }, 'catalog seeded');
  try {
    const embedded = await embedMissingProducts(deps);
    logger.info({ embedded }, 'seeded products embedded');
  } catch (err) {
    logger.warn({ err }, 'seeded products are not embedded yet; semantic search finds them once they are');
  }
}
