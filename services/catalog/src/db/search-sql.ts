import type { SearchOrder, SearchPlan } from '../domain/search';

/** A SQL fragment with its positional (`?`) parameters. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** The statements one keyword search (or browse) runs. */
export interface SearchSql {
  page: SqlPart;
  count: SqlPart;
  categories: SqlPart;
  prices: SqlPart;
}

export const PRODUCT_COLUMNS =
  'id, seller_id, name, slug, description, category, price_amount, currency, image_url, attributes, created_at, updated_at, deleted_at, rating_count, rating_total';

/** Products shoppers can find: not deleted by their seller. */
export const LISTED = 'deleted_at is null';

/** Lower bounds of the price facet's buckets, in minor units: under $25, $25-50, $50-100, $100-200, $200 and up. */
export const PRICE_BUCKETS = [0, 2500, 5000, 10000, 20000];

const TSQUERY = `to_tsquery('english', ?)`;
// Name matches weigh most (A), then category words (B), then the description (C).
const RANK_WEIGHTS = `'{0.1, 0.2, 0.4, 1.0}'`;

const ORDERS: Record<Exclude<SearchOrder, 'rank'>, string> = {
  newest: 'created_at desc, id',
  price_asc: 'price_amount asc, id',
  price_desc: 'price_amount desc, id',
  name: 'lower(name) asc, id',
};

type Without = 'category' | 'price' | 'none';

function textMatch(plan: SearchPlan): SqlPart | undefined {
  if (!plan.keyword) return undefined;
  const { tsquery, namePatterns } = plan.keyword;
  if (!namePatterns.length) return { sql: `search @@ ${TSQUERY}`, params: [tsquery] };
  return { sql: `(search @@ ${TSQUERY} or lower(name) like any (array[?]))`, params: [tsquery, namePatterns] };
}

/** The filters of a plan as a list of clauses; `without` leaves one out (for its facet). */
function filters(plan: SearchPlan, without: Without): SqlPart[] {
  const parts: SqlPart[] = [{ sql: LISTED, params: [] }];
  if (without !== 'category' && plan.category !== undefined) parts.push({ sql: 'category = ?', params: [plan.category] });
  if (without !== 'price' && plan.minPrice !== undefined) parts.push({ sql: 'price_amount >= ?', params: [plan.minPrice] });
  if (without !== 'price' && plan.maxPrice !== undefined) parts.push({ sql: 'price_amount <= ?', params: [plan.maxPrice] });
  // average >= minRating, kept in integers (total >= min * count) so no rounding decides it; unrated products never pass.
  if (plan.minRating !== undefined) parts.push({ sql: 'rating_count > 0 and rating_total >= ?::numeric * rating_count', params: [plan.minRating] });
  return parts;
}

function where(parts: (SqlPart | undefined)[]): SqlPart {
  const present = parts.filter((p): p is SqlPart => p !== undefined);
  return { sql: present.length ? `where ${present.map((p) => p.sql).join(' and ')}` : '', params: present.flatMap((p) => p.params) };
}

/** The keyword relevance of a row: full-text rank plus a bonus when a query word is inside the name. */
export function keywordRank(plan: SearchPlan): SqlPart {
  const { tsquery, namePatterns } = plan.keyword!;
  const inName = namePatterns.length
    ? { sql: ' + case when lower(name) like any (array[?]) then 1.0 else 0 end', params: [namePatterns] }
    : { sql: '', params: [] };
  return { sql: `ts_rank_cd(${RANK_WEIGHTS}, search, ${TSQUERY})${inName.sql}`, params: [tsquery, ...inName.params] };
}

function orderBy(plan: SearchPlan): SqlPart {
  if (plan.order === 'rank' && plan.keyword) {
    const rank = keywordRank(plan);
    return { sql: `order by ${rank.sql} desc, created_at desc, id`, params: rank.params };
  }
  return { sql: `order by ${ORDERS[plan.order === 'rank' ? 'newest' : plan.order]}`, params: [] };
}

const bucketCase = `case ${PRICE_BUCKETS.slice(1)
  .map((bound, i) => `when price_amount < ${bound} then ${PRICE_BUCKETS[i]}`)
  .join(' ')} else ${PRICE_BUCKETS[PRICE_BUCKETS.length - 1]} end`;

/**
 * Builds the page, total and facet statements of a keyword search (or a browse without text). Each
 * facet is counted without its own filter, so a shopper sees where else matches are.
 */
export function buildSearchSql(plan: SearchPlan, products = 'products'): SearchSql {
  const text = textMatch(plan);
  const filtered = where([text, ...filters(plan, 'none')]);
  const order = orderBy(plan);
  const forCategories = where([text, ...filters(plan, 'category')]);
  const forPrices = where([text, ...filters(plan, 'price')]);
  return {
    page: {
      sql: `select ${PRODUCT_COLUMNS} from ${products} ${filtered.sql} ${order.sql} limit ? offset ?`,
      params: [...filtered.params, ...order.params, plan.pageSize, plan.offset],
    },
    count: { sql: `select count(*)::int as total from ${products} ${filtered.sql}`, params: filtered.params },
    categories: {
      sql: `select category as slug, count(*)::int as count from ${products} ${forCategories.sql} group by category order by category`,
      params: forCategories.params,
    },
    prices: {
      sql: `select ${bucketCase} as min, count(*)::int as count from ${products} ${forPrices.sql} group by 1 order by 1`,
      params: forPrices.params,
    },
  };
}

/** Ids of the best `limit` keyword matches, best first, with every filter applied. */
export function buildKeywordIdsSql(plan: SearchPlan, limit: number, products = 'products'): SqlPart {
  const filtered = where([textMatch(plan), ...filters(plan, 'none')]);
  const rank = keywordRank(plan);
  return {
    sql: `select id from ${products} ${filtered.sql} order by ${rank.sql} desc, created_at desc, id limit ?`,
    params: [...filtered.params, ...rank.params, limit],
  };
}

/** pgvector's text form of a vector. */
export const vectorLiteral = (vector: number[]): string => `[${vector.join(',')}]`;

/**
 * Ids of the `limit` products nearest to `vector` by cosine distance, nearest first, with every filter
 * applied. Run after `set local hnsw.iterative_scan = relaxed_order`: the HNSW scan keeps going until
 * enough rows pass the filters, and the outer order restores exact distance order.
 */
export function buildNearestIdsSql(plan: SearchPlan, vector: number[], limit: number, products = 'products'): SqlPart {
  const filtered = where([{ sql: 'embedding is not null', params: [] }, ...filters(plan, 'none')]);
  return {
    sql: `with nearest as materialized (
        select id, embedding <=> ?::vector as distance from ${products} ${filtered.sql} order by embedding <=> ?::vector limit ?
      ) select id from nearest order by distance, id`,
    params: [vectorLiteral(vector), ...filtered.params, vectorLiteral(vector), limit],
  };
}

/** Category counts and price buckets of a known set of products (semantic and hybrid candidates). */
export function buildFacetsOfIdsSql(ids: string[], products = 'products'): { categories: SqlPart; prices: SqlPart } {
  return {
    categories: {
      sql: `select category as slug, count(*)::int as count from ${products} where id in (?) group by category order by category`,
      params: [ids],
    },
    prices: { sql: `select ${bucketCase} as min, count(*)::int as count from ${products} where id in (?) group by 1 order by 1`, params: [ids] },
  };
}
