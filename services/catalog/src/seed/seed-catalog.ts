import type { Logger } from '@shopmesh/platform';
import type { CatalogStore, InventoryPort } from '../domain/ports';
import type { CatalogSeed, SeedProduct } from './generate';

const STOCK_CALLS_IN_FLIGHT = 8;

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
 */
export async function seedCatalog(store: CatalogStore, inventory: InventoryPort, seed: CatalogSeed, logger: Logger): Promise<void> {
  if (await store.hasProducts()) return;
  await setInitialStock(inventory, seed.products);
  await store.insertCatalog(seed);
  logger.info({ products: seed.products.length, categories: seed.categories.length }, 'catalog seeded');
}
