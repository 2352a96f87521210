import { z } from 'zod';

/** Dimensions of every embedding ShopMesh stores (all-MiniLM-L6-v2). */
export const EMBEDDING_DIMENSIONS = 384;

/** The command that assembles the embedding model on a developer machine or CI runner. */
export const MODEL_FETCH_COMMAND = 'npm run model:fetch';

/** `POST /internal/embeddings`: texts to embed, at most 256 per call, each at most 2,000 characters. */
export const EmbeddingsRequest = z.object({ texts: z.array(z.string().min(1).max(2000)).min(1).max(256) });
export type EmbeddingsRequest = z.infer<typeof EmbeddingsRequest>;

/** One unit-length vector per text, in request order (cosine similarity is their dot product). */
export const EmbeddingsResponse = z.object({
  model: z.string(),
  dimensions: z.number().int().positive(),
  vectors: z.array(z.array(z.number())),
});
export type EmbeddingsResponse = z.infer<typeof EmbeddingsResponse>;
