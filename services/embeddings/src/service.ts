import { defineService } from '@shopmesh/platform';
import { createApp } from './app';
import { EmbeddingsConfig } from './config';
import { createEmbedder } from './domain/embedder';
import { ModelMissingError, loadTransformersEncoder } from './model/transformers-encoder';

/** The embeddings service: text -> 384-d vectors with transformers.js from a local model. */
export const embeddingsService = defineService({
  name: 'embeddings',
  config: EmbeddingsConfig,
  async create({ config, logger }) {
    const embedder = createEmbedder({
      model: config.EMBEDDINGS_MODEL,
      batchSize: config.EMBEDDINGS_BATCH_SIZE,
      load: () => loadTransformersEncoder({ modelsDir: config.EMBEDDINGS_MODELS_DIR, model: config.EMBEDDINGS_MODEL }),
      missing: (err) => (err instanceof ModelMissingError ? `${err.directory} lacks ${err.missing.join(', ')}` : undefined),
      onLoaded: (info) => logger.info(info, 'embedding model loaded'),
      onFailed: (err) =>
        err instanceof ModelMissingError
          ? logger.warn({ directory: err.directory }, 'embedding model missing: semantic search is off until `npm run model:fetch`')
          : logger.error({ err }, 'embedding model failed to load'),
    });
    // Loading starts now, in the background; /readyz turns ready once the model is warm.
    void embedder.start();
    return { app: createApp({ embedder, model: config.EMBEDDINGS_MODEL, logger }) };
  },
});
