import { ProductChanged, Topics, UserRegistered } from '@shopmesh/contracts';
import type { Subscription } from '@shopmesh/platform';
import { refreshProductEmbedding } from './domain/embedding-sync';
import type { CatalogDeps } from './domain/ports';

/**
 * New seller accounts get a seller profile; changed products get a fresh embedding (off the seller's
 * request path, retried by the bus while embeddings is down). Both are idempotent, so redelivery is harmless.
 */
export function catalogSubscriptions(deps: Pick<CatalogDeps, 'store' | 'embeddings'>): Subscription<any>[] {
  const sellers: Subscription<UserRegistered> = {
    topic: Topics.userRegistered,
    schema: UserRegistered,
    handler: async ({ data }) => {
      if (data.role === 'seller') await deps.store.addSeller({ id: data.userId, displayName: data.name, rating: null });
    },
  };
  const embeddings: Subscription<ProductChanged> = {
    topic: Topics.productChanged,
    schema: ProductChanged,
    handler: async ({ data }) => {
      if (data.change !== 'deleted') await refreshProductEmbedding(deps, data.productId);
    },
  };
  return [sellers, embeddings];
}
