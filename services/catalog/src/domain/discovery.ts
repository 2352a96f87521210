import type { RelatedProducts, SuggestionList } from '@shopmesh/contracts';
import { notFound } from '@shopmesh/platform';
import { toSummary } from './product-views';
import type { CatalogDeps, ProductRecord } from './ports';

/** At most this many autocomplete suggestions. */
export const SUGGESTIONS = 8;

/** Autocomplete: product names and categories that start with, contain or nearly spell what was typed. */
export async function suggest(deps: CatalogDeps, text: string): Promise<SuggestionList> {
  return { items: await deps.store.suggest(text.toLowerCase(), SUGGESTIONS) };
}

/** Neighbours are fetched with headroom, so demoting some still fills the list. */
const HEADROOM = 3;

/**
 * "You may also like": the products nearest to this one by meaning. Another seller's item comes before
 * the same seller's (a shopper comparing wants alternatives), and an item in stock before one that is
 * not; within each group, nearest first. Without inventory, stock is not judged.
 */
export async function relatedProducts(deps: CatalogDeps, id: string, limit: number): Promise<RelatedProducts> {
  const product = await deps.store.product(id);
  if (!product) throw notFound('Product');
  const neighbours = await deps.store.nearestTo(id, limit * HEADROOM);
  const stock = neighbours.length ? await deps.inventory.availableIfReachable(neighbours.map((p) => p.id)) : undefined;
  const demotions = (p: ProductRecord) => (p.sellerId === product.sellerId ? 1 : 0) + (stock && (stock.get(p.id) ?? 0) === 0 ? 2 : 0);
  const ranked = neighbours.map((p, distanceRank) => ({ p, key: demotions(p) * neighbours.length + distanceRank })).sort((a, b) => a.key - b.key);
  return { items: ranked.slice(0, limit).map(({ p }) => toSummary(p, stock)) };
}
