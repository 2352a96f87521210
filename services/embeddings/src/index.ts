export { embeddingsService } from './service';
export { EmbeddingsConfig } from './config';
export { missingModelFiles } from './model/transformers-encoder';
