import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** Embeddings settings: where the local model lives (as `npm run model:fetch` lays it out) and the batch size. */
export const EmbeddingsConfig = z.object({
  EMBEDDINGS_MODELS_DIR: z.string().default(join(homedir(), '.cache', 'shopmesh', 'models')),
  EMBEDDINGS_MODEL: z.string().default('all-MiniLM-L6-v2'),
  EMBEDDINGS_BATCH_SIZE: z.coerce.number().int().min(1).max(256).default(32),
});
export type EmbeddingsConfig = z.infer<typeof EmbeddingsConfig>;
