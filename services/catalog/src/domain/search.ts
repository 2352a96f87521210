import type { ProductQuery, ProductSort } from '@shopmesh/contracts';
import { invalidField } from '@shopmesh/platform';

/** How matching products are ordered; `rank` needs search text. */
export type SearchOrder = Exclude<ProductSort, 'relevance'> | 'rank';

/** A validated product search, ready for the store to run. */
export interface SearchPlan {
  text?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  order: SearchOrder;
  page: number;
  pageSize: number;
  offset: number;
}

/**
 * Turns a parsed query into a search plan: blank text means no text filter, `relevance` without text
 * falls back to newest first, and a price range that excludes everything is a 400 rather than an
 * empty page.
 */
export function planSearch(query: ProductQuery): SearchPlan {
  if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
    throw invalidField('query.minPrice', 'must not be greater than maxPrice');
  }
  const text = query.q?.trim() || undefined;
  return {
    ...(text ? { text } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.minPrice !== undefined ? { minPrice: query.minPrice } : {}),
    ...(query.maxPrice !== undefined ? { maxPrice: query.maxPrice } : {}),
    order: orderFor(query.sort, text),
    page: query.page,
    pageSize: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  };
}

function orderFor(sort: ProductSort, text: string | undefined): SearchOrder {
  if (sort !== 'relevance') return sort;
  return text ? 'rank' : 'newest';
}
