import type { SearchOrder, SearchPlan } from '../domain/search';

/** A SQL fragment with its positional (`?`) parameters. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** The statements one product search runs. */
export interface SearchSql {
  page: SqlPart;
  count: SqlPart;
  facets: SqlPart;
}

export const PRODUCT_COLUMNS = 'id, seller_id, name, slug, description, category, price_amount, currency, image_url, attributes, created_at, updated_at';

const TSQUERY = `websearch_to_tsquery('english', ?)`;

const ORDERS: Record<Exclude<SearchOrder, 'rank'>, string> = {
  newest: 'created_at desc, id',
  price_asc: 'price_amount asc, id',
  price_desc: 'price_amount desc, id',
  name: 'lower(name) asc, id',
};

function where(plan: SearchPlan, withCategory: boolean): SqlPart {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (plan.text !== undefined) {
    clauses.push(`search @@ ${TSQUERY}`);
    params.push(plan.text);
  }
  if (withCategory && plan.category !== undefined) {
    clauses.push('category = ?');
    params.push(plan.category);
  }
  if (plan.minPrice !== undefined) {
    clauses.push('price_amount >= ?');
    params.push(plan.minPrice);
  }
  if (plan.maxPrice !== undefined) {
    clauses.push('price_amount <= ?');
    params.push(plan.maxPrice);
  }
  return { sql: clauses.length ? `where ${clauses.join(' and ')}` : '', params };
}

function orderBy(plan: SearchPlan): SqlPart {
  if (plan.order === 'rank' && plan.text !== undefined) {
    // Name matches weigh more (setweight A) than description matches (B); ties go to the newest.
    return { sql: `order by ts_rank_cd(search, ${TSQUERY}) desc, created_at desc, id`, params: [plan.text] };
  }
  return { sql: `order by ${ORDERS[plan.order === 'rank' ? 'newest' : plan.order]}`, params: [] };
}

/**
 * Builds the page, total and facet statements of a search over the `search` tsvector column (name and
 * description). Facets are counted without the category filter so a shopper sees where else matches are.
 */
export function buildSearchSql(plan: SearchPlan, products = 'products'): SearchSql {
  const filtered = where(plan, true);
  const order = orderBy(plan);
  const uncategorized = where(plan, false);
  return {
    page: {
      sql: `select ${PRODUCT_COLUMNS} from ${products} ${filtered.sql} ${order.sql} limit ? offset ?`,
      params: [...filtered.params, ...order.params, plan.pageSize, plan.offset],
    },
    count: { sql: `select count(*)::int as total from ${products} ${filtered.sql}`, params: filtered.params },
    facets: {
      sql: `select category as slug, count(*)::int as count from ${products} ${uncategorized.sql} group by category order by category`,
      params: uncategorized.params,
    },
  };
}
