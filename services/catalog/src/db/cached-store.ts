import { ProductChanged, Topics, type Category } from '@shopmesh/contracts';
import type { Logger, StateStore, Subscription } from '@shopmesh/platform';
import type { CatalogStore, ProductRecord } from '../domain/ports';

type StoredProduct = Omit<ProductRecord, 'createdAt' | 'updatedAt' | 'deletedAt'> & { createdAt: string; updatedAt: string; deletedAt: string | null };

const productKey = (id: string) => `catalog-cache:product:${id}`;
const CATEGORIES_KEY = 'catalog-cache:categories';

/**
 * Cache-aside over the catalog store in the state store (Redis on the integration and Dapr tiers):
 * product pages and the category list are read from the cache and filled on a miss. A product change
 * drops its entry, here on the local write path and in every replica through `catalog.product-changed`;
 * entries also expire after `ttlSeconds`. A cache that fails is skipped, never an error for the reader.
 */
export function cachedCatalogStore(
  store: CatalogStore,
  state: StateStore,
  logger: Logger,
  options: { ttlSeconds: number },
): { store: CatalogStore; subscription: Subscription<ProductChanged> } {
  const read = async <T>(key: string): Promise<T | undefined> => {
    try {
      return (await state.get<T>(key))?.value;
    } catch (err) {
      logger.warn({ err, key }, 'catalog cache read failed');
      return undefined;
    }
  };
  const write = (key: string, value: unknown) =>
    state.save(key, value, { ttlSeconds: options.ttlSeconds }).catch((err: unknown) => logger.warn({ err, key }, 'catalog cache write failed'));
  // Category counts move when a product is created or deleted, so a change drops them too.
  const drop = (id: string) =>
    Promise.all([state.delete(productKey(id)), state.delete(CATEGORIES_KEY)]).catch((err: unknown) => logger.warn({ err, id }, 'catalog cache delete failed'));

  const cached: CatalogStore = {
    ...store,
    async product(id) {
      const hit = await read<StoredProduct>(productKey(id));
      if (hit)
        return { ...hit, createdAt: new Date(hit.createdAt), updatedAt: new Date(hit.updatedAt), deletedAt: hit.deletedAt ? new Date(hit.deletedAt) : null };
      const product = await store.product(id);
      // Unknown ids are not cached: a product created a moment later must be found.
      if (product) {
        const stored: StoredProduct = {
          ...product,
          createdAt: product.createdAt.toISOString(),
          updatedAt: product.updatedAt.toISOString(),
          deletedAt: product.deletedAt?.toISOString() ?? null,
        };
        await write(productKey(id), stored);
      }
      return product;
    },
    async categories() {
      const hit = await read<Category[]>(CATEGORIES_KEY);
      if (hit) return hit;
      const categories = await store.categories();
      await write(CATEGORIES_KEY, categories);
      return categories;
    },
    async markProductChanged(product, now) {
      await store.markProductChanged(product, now);
      await drop(product.id);
    },
    async createProduct(product, sellerName) {
      await store.createProduct(product, sellerName);
      await drop(product.id);
    },
    async updateProduct(product) {
      await store.updateProduct(product);
      await drop(product.id);
    },
    async deleteProduct(product, now) {
      await store.deleteProduct(product, now);
      await drop(product.id);
    },
    async addReview(review, event) {
      const outcome = await store.addReview(review, event);
      // The product's rating moved.
      if (outcome === 'added') await drop(review.productId);
      return outcome;
    },
  };
  return {
    store: cached,
    subscription: {
      topic: Topics.productChanged,
      schema: ProductChanged,
      handler: async ({ data }) => {
        await drop(data.productId);
      },
    },
  };
}
