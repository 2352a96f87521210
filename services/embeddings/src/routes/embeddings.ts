import Router from '@koa/router';
import { EMBEDDING_DIMENSIONS, EmbeddingsRequest, type EmbeddingsResponse } from '@shopmesh/contracts';
import { parseBody } from '@shopmesh/platform';
import type { Embedder } from '../domain/embedder';

/** `POST /internal/embeddings` (service invocation only; the gateway never routes /internal). */
export function embeddingsRouter(deps: { embedder: Embedder; model: string }): Router {
  const router = new Router({ prefix: '/internal/embeddings' });

  router.post('/', async (ctx) => {
    const { texts } = parseBody(ctx, EmbeddingsRequest);
    const vectors = await deps.embedder.embed(texts);
    const body: EmbeddingsResponse = { model: deps.model, dimensions: vectors[0]?.length ?? EMBEDDING_DIMENSIONS, vectors };
    ctx.body = body;
  });

  return router;
}
