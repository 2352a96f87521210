export { embeddingsService } from './service';
export { EmbeddingsConfig } from './config';
export { loadTransformersEncoder, missingModelFiles } from './model/transformers-encoder';
