import type { CatalogDeps, CatalogStore, EmbeddingsPort, ProductRecord } from './ports';
import { relatedProducts } from './discovery';
import { embedMissingProducts, refreshProductEmbedding } from './embedding-sync';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SELLER = id(900);
const OTHER = id(901);
const product = (n: number, sellerId = OTHER): ProductRecord => ({
  id: id(n),
  sellerId,
  name: `Product ${n}`,
  slug: `product-${n}`,
  description: 'A product.',
  category: 'home-kitchen',
  priceAmount: 1000,
  currency: 'USD',
  imageUrl: 'https://example.com/p.png',
  attributes: {},
  createdAt: new Date(0),
  updatedAt: new Date(0),
  deletedAt: null,
  ratingCount: 0,
  ratingTotal: 0,
});

function deps(store: Partial<CatalogStore>, stock?: Map<string, number>, embeddings: EmbeddingsPort = { embed: async (t) => t.map(() => [1]) }): CatalogDeps {
  return {
    store: store as CatalogStore,
    inventory: { available: async () => new Map(), availableIfReachable: async () => stock, setStock: async () => ({}) as never },
    embeddings,
    clock: { now: () => new Date() },
  };
}

describe('relatedProducts', () => {
  it('when neighbours include the same seller and out-of-stock items, then other sellers in stock come first, nearest first within each group', async () => {
    const neighbours = [product(1, SELLER), product(2), product(3), product(4)];
    const stock = new Map([
      [id(1), 5],
      [id(2), 0],
      [id(3), 9],
      [id(4), 2],
    ]);
    const store = { product: async () => product(100, SELLER), nearestTo: async () => neighbours };

    const related = await relatedProducts(deps(store, stock), id(100), 8);

    expect(related.items.map((i) => i.id)).toEqual([id(3), id(4), id(1), id(2)]);
  });

  it('when the product is unknown, then it is a 404', async () => {
    await expect(relatedProducts(deps({ product: async () => undefined }), id(1), 8)).rejects.toMatchObject({ status: 404 });
  });
});

describe('embedding sync', () => {
  it('when products lack embeddings, then they are embedded in batches and saved with the text they were made from', async () => {
    const missing = [product(1), product(2)];
    const saved: { id: string; source: string }[] = [];
    const store: Partial<CatalogStore> = {
      productsWithoutEmbedding: async () => missing.splice(0),
      saveEmbeddings: async (rows) => void saved.push(...rows.map((r) => ({ id: r.id, source: r.source }))),
    };

    expect(await embedMissingProducts(deps(store))).toBe(2);
    expect(saved).toEqual([
      { id: id(1), source: 'Product 1. home kitchen. A product.' },
      { id: id(2), source: 'Product 2. home kitchen. A product.' },
    ]);
  });

  it('when a changed product still has the same text, then nothing is re-embedded; when its text changed, then it is', async () => {
    let embedCalls = 0;
    const embeddings: EmbeddingsPort = { embed: async (t) => (embedCalls++, t.map(() => [1])) };
    const same = {
      product: async () => product(1),
      embeddingSourceOf: async () => 'Product 1. home kitchen. A product.',
      saveEmbeddings: async () => undefined,
    };
    const changed = { ...same, embeddingSourceOf: async () => 'Old name. home kitchen. A product.' };

    expect(await refreshProductEmbedding(deps(same, undefined, embeddings), id(1))).toBe(false);
    expect(await refreshProductEmbedding(deps(changed, undefined, embeddings), id(1))).toBe(true);
    expect(embedCalls).toBe(1);
  });
});
