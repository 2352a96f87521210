import { EmbeddingsResponse, Problem, type EmbeddingsRequest } from '@shopmesh/contracts';
import { DomainError, unavailableFeature, type Runtime } from '@shopmesh/platform';
import type { EmbeddingsPort } from '../domain/ports';

/** The code the embeddings service answers with when its model is not installed. */
export const MODEL_MISSING = 'embedding-model-missing';

/** The embeddings service reached through service invocation. */
export function createEmbeddingsClient(invoke: Runtime['invoke']): EmbeddingsPort {
  return {
    async embed(texts) {
      const body: EmbeddingsRequest = { texts };
      const response = await invoke.request('embeddings', { method: 'POST', path: '/internal/embeddings', body });
      const text = response.body.toString('utf8');
      if (response.status === 200) {
        const parsed = EmbeddingsResponse.safeParse(JSON.parse(text));
        if (parsed.success && parsed.data.vectors.length === texts.length) return parsed.data.vectors;
        throw new DomainError(502, 'upstream-invalid', 'embeddings answered with an unexpected body');
      }
      const problem = Problem.safeParse(safeJson(text));
      // A missing model is not an outage: the shopper (or operator) can act on it, so it is passed on as is.
      if (problem.success && problem.data.code === MODEL_MISSING) throw unavailableFeature(MODEL_MISSING, problem.data.detail);
      throw new DomainError(502, 'upstream-unavailable', `embeddings answered ${response.status}`);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
