import { createOutboxRelay, defineService, useOrm } from '@shopmesh/platform';
import { createApp } from './app';
import { createEmbeddingsClient } from './clients/embeddings';
import { CatalogConfig } from './config';
import { cachedCatalogStore } from './db/cached-store';
import { createCatalogStore } from './db/catalog-store';
import { catalogDatabase } from './db/schema';
import type { CatalogDeps } from './domain/ports';
import { embeddingBackfill } from './tasks/embedding-backfill';
import { createInventoryClient } from './clients/inventory';
import { generateCatalogSeed } from './seed/generate';
import { seedCatalog } from './seed/seed-catalog';
import { SEED_SELLERS } from './seed/sellers';
import { catalogSubscriptions } from './events/subscriptions';

/** The catalog service: products, categories, sellers, and keyword, semantic and hybrid search. */
export const catalogService = defineService({
  name: 'catalog',
  config: CatalogConfig,
  database: catalogDatabase,
  async create({ config, orm: maybeOrm, runtime, logger, clock, verifier }) {
    const orm = useOrm({ orm: maybeOrm });
    const relay = createOutboxRelay(orm, runtime.pubsub, logger);
    const cache = cachedCatalogStore(
      createCatalogStore(orm, () => relay.nudge()),
      runtime.state,
      logger,
      { ttlSeconds: config.CATALOG_CACHE_TTL_SECONDS },
    );
    const deps: CatalogDeps = {
      store: cache.store,
      inventory: createInventoryClient(runtime.invoke, logger),
      embeddings: createEmbeddingsClient(runtime.invoke),
      clock,
    };
    return {
      app: createApp({ ...deps, logger, verifier, ready: () => orm.isConnected() }),
      subscriptions: [...catalogSubscriptions(deps), cache.subscription],
      background: [relay, embeddingBackfill(deps, logger)],
      seed: () => seedCatalog(deps, generateCatalogSeed(SEED_SELLERS), logger),
    };
  },
});
