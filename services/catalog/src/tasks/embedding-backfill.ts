import type { BackgroundTask, Logger } from '@shopmesh/platform';
import { embedMissingProducts } from '../domain/embedding-sync';
import type { CatalogDeps } from '../domain/ports';
import { isModelMissing } from '../domain/semantic-search';

/**
 * Embeds products that have none, once at start (products seeded before the model was installed, or
 * while embeddings was still starting). An unreachable embeddings service is retried every `retryMs`;
 * a missing model stops it (semantic search is off until the model is fetched and the shop restarted).
 */
export function embeddingBackfill(deps: Pick<CatalogDeps, 'store' | 'embeddings'>, logger: Logger, retryMs = 5000): BackgroundTask {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let wake: () => void = () => undefined;
  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, retryMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const run = async (): Promise<void> => {
    while (!stopped) {
      try {
        const embedded = await embedMissingProducts(deps, () => stopped);
        if (embedded) logger.info({ embedded }, 'product embeddings made');
        return;
      } catch (err) {
        if (isModelMissing(err)) {
          logger.warn('embedding model missing: products stay without embeddings until `npm run model:fetch` and a restart');
          return;
        }
        logger.warn({ err }, 'embeddings unavailable; product embeddings retried shortly');
        await pause();
      }
    }
  };

  return {
    name: 'embedding-backfill',
    start() {
      running = run();
    },
    async stop() {
      stopped = true;
      wake();
      await running;
    },
  };
}
