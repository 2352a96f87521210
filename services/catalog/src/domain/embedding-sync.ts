import type { CatalogDeps } from './ports';
import { embeddingSource } from './search-text';

/** Texts per call to the embeddings service: its model runs batches of 32. */
export const EMBED_BATCH = 32;

/**
 * Embeds every product that has no embedding yet, a batch at a time (at seed time, and at start for
 * products seeded before the model was installed). Answers how many it embedded.
 */
export async function embedMissingProducts(deps: Pick<CatalogDeps, 'store' | 'embeddings'>, isStopped: () => boolean = () => false): Promise<number> {
  let embedded = 0;
  while (!isStopped()) {
    const products = await deps.store.productsWithoutEmbedding(EMBED_BATCH);
    if (products.length === 0) break;
    const sources = products.map(embeddingSource);
    const vectors = await deps.embeddings.embed(sources);
    await deps.store.saveEmbeddings(products.map((p, i) => ({ id: p.id, source: sources[i]!, vector: vectors[i]! })));
    embedded += products.length;
  }
  return embedded;
}

/**
 * Re-embeds a product after `catalog.product-changed`, off the seller's request path, and only when
 * the text the embedding is made from changed (a stock change re-embeds nothing). A deleted product is
 * nothing to do.
 */
export async function refreshProductEmbedding(deps: Pick<CatalogDeps, 'store' | 'embeddings'>, productId: string): Promise<boolean> {
  const [product, current] = await Promise.all([deps.store.product(productId), deps.store.embeddingSourceOf(productId)]);
  if (!product) return false;
  const source = embeddingSource(product);
  if (current === source) return false;
  const [vector] = await deps.embeddings.embed([source]);
  await deps.store.saveEmbeddings([{ id: productId, source, vector: vector! }]);
  return true;
}
