import type { ProductQuery, ProductSort, SearchMode } from '@shopmesh/contracts';
import { invalidField } from '@shopmesh/platform';
import { nameSubstringPatterns, prefixTsquery, queryTerms } from './search-text';

/** How matching products are ordered; `rank` needs search text. */
export type SearchOrder = Exclude<ProductSort, 'relevance'> | 'rank';

/** The keyword side of a search: a prefix tsquery and name-substring patterns. */
export interface KeywordMatch {
  tsquery: string;
  namePatterns: string[];
}

/** A validated product search, ready for the store to run. */
export interface SearchPlan {
  mode: SearchMode;
  /** The shopper's text as typed (trimmed); what semantic search embeds. */
  text?: string;
  keyword?: KeywordMatch;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  /** Only products whose average rating is at least this. */
  minRating?: number;
  order: SearchOrder;
  page: number;
  pageSize: number;
  offset: number;
}

/**
 * Turns a parsed query into a search plan: blank text (or text without a single letter or digit) means
 * no text filter, `relevance` without text falls back to newest first, and a price range that excludes
 * everything is a 400 rather than an empty page.
 */
export function planSearch(query: ProductQuery): SearchPlan {
  if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
    throw invalidField('query.minPrice', 'must not be greater than maxPrice');
  }
  const terms = queryTerms(query.q ?? '');
  const tsquery = prefixTsquery(terms);
  const text = tsquery ? query.q!.trim() : undefined;
  return {
    mode: query.mode,
    ...(text && tsquery ? { text, keyword: { tsquery, namePatterns: nameSubstringPatterns(terms) } } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.minPrice !== undefined ? { minPrice: query.minPrice } : {}),
    ...(query.maxPrice !== undefined ? { maxPrice: query.maxPrice } : {}),
    ...(query.minRating !== undefined ? { minRating: query.minRating } : {}),
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
