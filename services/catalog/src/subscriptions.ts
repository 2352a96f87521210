import { Topics, UserRegistered } from '@shopmesh/contracts';
import type { Subscription } from '@shopmesh/platform';
import type { CatalogStore } from './domain/ports';

/** New seller accounts get a seller profile; adding one is idempotent, so redelivery is harmless. */
export function catalogSubscriptions(store: CatalogStore): Subscription<UserRegistered>[] {
  return [
    {
      topic: Topics.userRegistered,
      schema: UserRegistered,
      handler: async ({ data }) => {
        if (data.role === 'seller') await store.addSeller({ id: data.userId, displayName: data.name, rating: null });
      },
    },
  ];
}
