import { createServiceApp, type Logger, type ServiceApp } from '@shopmesh/platform';
import type { Embedder } from './domain/embedder';
import { embeddingsRouter } from './routes/embeddings';

/** What the embeddings app is built from. */
export interface EmbeddingsAppDeps {
  embedder: Embedder;
  model: string;
  logger: Logger;
}

/** Builds the embeddings Koa app; never listens. Ready once the model is loaded and warm. */
export function createApp(deps: EmbeddingsAppDeps): ServiceApp {
  return createServiceApp({
    name: 'embeddings',
    logger: deps.logger,
    routers: [embeddingsRouter(deps)],
    // Batches of 256 texts of 2,000 characters are ~0.5 MB of JSON.
    bodyLimit: '2mb',
    ready: async () => deps.embedder.ready(),
  });
}
