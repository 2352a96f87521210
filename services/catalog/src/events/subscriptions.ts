import { OrderCancelled, OrderConfirmed, ProductChanged, Topics, UserRegistered } from '@shopmesh/contracts';
import type { Subscription } from '@shopmesh/platform';
import { refreshProductEmbedding } from '../domain/embedding-sync';
import type { CatalogDeps } from '../domain/ports';
import { orderCancelled, orderConfirmed } from '../domain/purchases';

/**
 * New accounts give reviews their author's name, and sellers a profile; changed products get a fresh
 * embedding (off the seller's request path, retried by the bus while embeddings is down); confirmed and
 * cancelled orders feed the projection behind verified purchases and bought-together. All are
 * idempotent, so redelivery is harmless.
 */
export function catalogSubscriptions(deps: Pick<CatalogDeps, 'store' | 'embeddings' | 'clock'>): Subscription<any>[] {
  const people: Subscription<UserRegistered> = {
    topic: Topics.userRegistered,
    schema: UserRegistered,
    handler: async ({ data }) => {
      await deps.store.rememberPerson(data.userId, data.name);
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
  const confirmed: Subscription<OrderConfirmed> = {
    topic: Topics.orderConfirmed,
    schema: OrderConfirmed,
    handler: ({ data }) => orderConfirmed(deps, data, deps.clock.now()),
  };
  const cancelled: Subscription<OrderCancelled> = {
    topic: Topics.orderCancelled,
    schema: OrderCancelled,
    handler: ({ data }) => orderCancelled(deps, data, deps.clock.now()),
  };
  return [people, embeddings, confirmed, cancelled];
}
