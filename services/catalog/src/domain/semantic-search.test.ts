import { DomainError, unavailableFeature } from '@shopmesh/platform';
import type { CatalogDeps, CatalogStore, EmbeddingsPort, ProductRecord, Ranking } from './ports';
import { searchProducts } from './products';
import { facetsOf } from './semantic-search';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const product = (n: number, over: Partial<ProductRecord> = {}): ProductRecord => ({
  id: id(n),
  sellerId: id(900),
  name: `Product ${n}`,
  slug: `product-${n}`,
  description: 'A product.',
  category: 'home-kitchen',
  priceAmount: 1000 * n,
  currency: 'USD',
  imageUrl: 'https://example.com/p.png',
  attributes: {},
  createdAt: new Date(Date.UTC(2025, 0, n)),
  updatedAt: new Date(Date.UTC(2025, 0, n)),
  deletedAt: null,
  ratingCount: 0,
  ratingTotal: 0,
  ...over,
});

/** A store whose keyword ranking is 1,2,3 and whose meaning ranking is 3,4,1. */
function fakes(embeddings: EmbeddingsPort) {
  const products = new Map([1, 2, 3, 4].map((n) => [id(n), product(n, n === 4 ? { category: 'outdoor-camping' } : {})]));
  const calls = { rankings: [] as Ranking['by'][], keywordSearches: 0 };
  const store: Partial<CatalogStore> = {
    search: async () => {
      calls.keywordSearches++;
      return { items: [products.get(id(1))!], total: 1, facets: { categories: [{ slug: 'home-kitchen', count: 1 }], prices: [] } };
    },
    rankedIds: async (_plan, ranking) => {
      calls.rankings.push(ranking.by);
      return ranking.by === 'keyword' ? [id(1), id(2), id(3)] : [id(3), id(4), id(1)];
    },
    products: async (ids) => ids.flatMap((i) => products.get(i) ?? []),
  };
  const deps: CatalogDeps = {
    store: store as CatalogStore,
    inventory: { available: async () => new Map(), availableIfReachable: async () => new Map(), setStock: async () => ({}) as never },
    embeddings,
    clock: { now: () => new Date() },
  };
  return { deps, calls };
}

const query = (mode: 'semantic' | 'hybrid', over: object = {}) => ({ q: 'something warm', mode, page: 1, pageSize: 20, sort: 'relevance', ...over }) as const;
const working: EmbeddingsPort = { embed: async (texts) => texts.map(() => [1, 0]) };

describe('semantic and hybrid search', () => {
  it('when the mode is semantic, then products come in order of meaning only', async () => {
    const { deps, calls } = fakes(working);

    const page = await searchProducts(deps, query('semantic'));

    expect(page.items.map((i) => i.id)).toEqual([id(3), id(4), id(1)]);
    expect(page).toMatchObject({ mode: 'semantic', degraded: false, total: 3 });
    expect(calls.rankings).toEqual(['meaning']);
  });

  it('when the mode is hybrid, then keyword and meaning ranks are fused so items both like come first', async () => {
    const { deps } = fakes(working);

    const page = await searchProducts(deps, query('hybrid'));

    // Keyword weighs half: 3 (meaning 1st, keyword 3rd) beats 1 (keyword 1st, meaning 3rd); 4 (meaning
    // only) beats 2 (keyword only).
    expect(page.items.map((i) => i.id)).toEqual([id(3), id(1), id(4), id(2)]);
    expect(page.facets.categories).toEqual([
      { slug: 'home-kitchen', count: 3 },
      { slug: 'outdoor-camping', count: 1 },
    ]);
  });

  it('when a sort is chosen, then the candidates are ordered by it and paged', async () => {
    const { deps } = fakes(working);

    const page = await searchProducts(deps, query('hybrid', { sort: 'price_desc', pageSize: 2, page: 1 }));

    expect(page.items.map((i) => i.price.amount)).toEqual([4000, 3000]);
    expect(page.total).toBe(4);
  });

  it('when embeddings is down, then hybrid answers with keyword ranking flagged degraded, not an error', async () => {
    const { deps, calls } = fakes({
      embed: async () => {
        throw new DomainError(502, 'upstream-unavailable', 'embeddings is unavailable');
      },
    });

    const page = await searchProducts(deps, query('hybrid'));

    expect(page).toMatchObject({ mode: 'keyword', degraded: true, total: 1 });
    expect(calls.keywordSearches).toBe(1);
  });

  it('when the embedding model is missing, then semantic search is a 503 naming the model and the fetch command', async () => {
    const { deps } = fakes({
      embed: async () => {
        throw unavailableFeature('embedding-model-missing', 'The embedding model all-MiniLM-L6-v2 is not installed; run `npm run model:fetch`');
      },
    });

    await expect(searchProducts(deps, query('semantic'))).rejects.toMatchObject({ status: 503, code: 'embedding-model-missing', expose: true });
  });

  it('when there is no text, then semantic mode browses like keyword mode without embedding anything', async () => {
    let embedded = 0;
    const { deps } = fakes({ embed: async (texts) => (embedded++, texts.map(() => [1])) });

    const page = await searchProducts(deps, query('semantic', { q: '  ' }));

    expect(embedded).toBe(0);
    expect(page.degraded).toBe(false);
  });
});

describe('facetsOf', () => {
  it('when candidates span price buckets, then each non-empty bucket is counted with its bounds', () => {
    const facets = facetsOf([product(1, { priceAmount: 999 }), product(2, { priceAmount: 2500 }), product(3, { priceAmount: 45000 })]);

    expect(facets.prices).toEqual([
      { min: 0, max: 2500, count: 1 },
      { min: 2500, max: 5000, count: 1 },
      { min: 20000, max: null, count: 1 },
    ]);
  });
});
