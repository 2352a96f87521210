import type { PriceFacet, ProductPage, SearchMode } from '@shopmesh/contracts';
import { DomainError } from '@shopmesh/platform';
import { toSummary } from './product-views';
import type { CatalogDeps, Facets, ProductRecord } from './ports';
import { RRF_K, fuseRanks } from './rank-fusion';
import type { SearchOrder, SearchPlan } from './search';

/** Semantic and hybrid search rank this many nearest (and keyword) candidates; `total` counts them. */
export const CANDIDATES = 100;

/**
 * Hybrid weighs the keyword ranking at half the semantic one: keyword matches any query word, so a
 * single strong word ("hike" in "Hiking Backpack") would otherwise outrank what the whole query means.
 */
export const HYBRID_WEIGHTS = { keyword: 0.5, meaning: 1 };

/** Lower bounds of the price facet's buckets, in minor units (the same as keyword search's). */
export const PRICE_BUCKET_FLOORS = [0, 2500, 5000, 10000, 20000];

/** True for the embeddings failure that means "model not installed" (a 503 the shopper sees), not an outage. */
export const isModelMissing = (err: unknown): boolean => err instanceof DomainError && err.code === 'embedding-model-missing';

const COMPARE: Record<Exclude<SearchOrder, 'rank'>, (a: ProductRecord, b: ProductRecord) => number> = {
  newest: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id),
  price_asc: (a, b) => a.priceAmount - b.priceAmount || a.id.localeCompare(b.id),
  price_desc: (a, b) => b.priceAmount - a.priceAmount || a.id.localeCompare(b.id),
  name: (a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id),
};

/** Category counts and price buckets of a candidate set. */
export function facetsOf(products: ProductRecord[]): Facets {
  const categories = new Map<string, number>();
  const prices = PRICE_BUCKET_FLOORS.map((min, i): PriceFacet => ({ min, max: PRICE_BUCKET_FLOORS[i + 1] ?? null, count: 0 }));
  for (const p of products) {
    categories.set(p.category, (categories.get(p.category) ?? 0) + 1);
    const bucket = PRICE_BUCKET_FLOORS.filter((floor) => p.priceAmount >= floor).length - 1;
    prices[Math.max(bucket, 0)]!.count++;
  }
  return {
    categories: [...categories.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([slug, count]) => ({ slug, count })),
    prices: prices.filter((bucket) => bucket.count > 0),
  };
}

/**
 * Semantic search ranks the products nearest to the query's embedding; hybrid fuses that ranking with
 * the keyword ranking by reciprocal rank fusion. The plan's filters apply inside both rankings (the
 * HNSW scan iterates until enough rows pass them). `vector` is the query's embedding.
 */
export async function rankedPage(deps: CatalogDeps, plan: SearchPlan, vector: number[]): Promise<ProductPage> {
  const byMeaning = await deps.store.rankedIds(plan, { by: 'meaning', vector }, CANDIDATES);
  const ids =
    plan.mode === 'hybrid'
      ? fuseRanks([await deps.store.rankedIds(plan, { by: 'keyword' }, CANDIDATES), byMeaning], RRF_K, [HYBRID_WEIGHTS.keyword, HYBRID_WEIGHTS.meaning]).slice(
          0,
          CANDIDATES,
        )
      : byMeaning;
  const records = new Map((await deps.store.products(ids)).map((p) => [p.id, p]));
  const candidates = ids.flatMap((id) => records.get(id) ?? []);
  const ordered = plan.order === 'rank' ? candidates : [...candidates].sort(COMPARE[plan.order]);
  const items = ordered.slice(plan.offset, plan.offset + plan.pageSize);
  const stock = items.length ? await deps.inventory.availableIfReachable(items.map((p) => p.id)) : new Map<string, number>();
  return {
    items: items.map((p) => toSummary(p, stock)),
    total: candidates.length,
    page: plan.page,
    pageSize: plan.pageSize,
    facets: facetsOf(candidates),
    mode: plan.mode as SearchMode,
    degraded: false,
  };
}
