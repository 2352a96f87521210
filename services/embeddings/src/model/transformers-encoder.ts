import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import type { Encoder } from '../domain/embedder';

/** The files transformers.js reads for a local feature-extraction model with int8 weights. */
export const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'onnx/model_quantized.onnx'];

/** Thrown when the model directory lacks files; the embedder reports it as "model missing", not a crash. */
export class ModelMissingError extends Error {
  constructor(
    readonly directory: string,
    readonly missing: string[],
  ) {
    super(`${directory} lacks ${missing.join(', ')}`);
    this.name = 'ModelMissingError';
  }
}

/** The model files absent from `<modelsDir>/<model>` (empty when the model is installed). */
export async function missingModelFiles(modelsDir: string, model: string): Promise<string[]> {
  const directory = join(modelsDir, model);
  const checks = await Promise.all(
    MODEL_FILES.map((file) =>
      access(join(directory, file)).then(
        () => undefined,
        () => file,
      ),
    ),
  );
  return checks.filter((f): f is string => f !== undefined);
}

/**
 * Loads a sentence-embedding model with transformers.js from local files only (remote models off: no
 * model hub is reached, ever) and mean-pools and normalises its token vectors, as sentence-transformers
 * does for all-MiniLM-L6-v2.
 */
export async function loadTransformersEncoder(options: { modelsDir: string; model: string }): Promise<Encoder> {
  const missing = await missingModelFiles(options.modelsDir, options.model);
  if (missing.length) throw new ModelMissingError(join(options.modelsDir, options.model), missing);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = options.modelsDir.endsWith('/') ? options.modelsDir : `${options.modelsDir}/`;
  const extract = await pipeline('feature-extraction', options.model, { dtype: 'q8' });
  return {
    model: options.model,
    async embed(texts) {
      const output = await extract(texts, { pooling: 'mean', normalize: true });
      const [rows, dimensions] = output.dims as [number, number];
      const data = output.data as Float32Array;
      return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * dimensions, (i + 1) * dimensions)));
    },
  };
}
