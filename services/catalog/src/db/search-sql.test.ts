import type { SearchPlan } from '../domain/search';
import { buildKeywordIdsSql, buildNearestIdsSql, buildSearchSql } from './search-sql';

const plan = (overrides: Partial<SearchPlan> = {}): SearchPlan => ({ mode: 'keyword', order: 'newest', page: 1, pageSize: 20, offset: 0, ...overrides });
const lamp = { text: 'lamp', keyword: { tsquery: 'lamp:*', namePatterns: ['%lamp%'] } };

describe('buildSearchSql', () => {
  it('when there are no filters, then only deleted products are left out and the page is limited', () => {
    const sql = buildSearchSql(plan({ pageSize: 10, offset: 30 }));

    expect(sql.page.sql).toContain('where deleted_at is null order by');
    expect(sql.page.sql).toContain('order by created_at desc, id limit ? offset ?');
    expect(sql.page.params).toEqual([10, 30]);
    expect(sql.count.params).toEqual([]);
  });

  it('when text is ranked, then it matches the prefix tsquery or a name substring and orders by weighted rank plus the name bonus', () => {
    const sql = buildSearchSql(plan({ ...lamp, order: 'rank' }));

    expect(sql.page.sql).toContain(`where (search @@ to_tsquery('english', ?) or lower(name) like any (array[?]))`);
    expect(sql.page.sql).toContain(
      `order by ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', search, to_tsquery('english', ?)) + case when lower(name) like any (array[?]) then 1.0 else 0 end desc`,
    );
    expect(sql.page.params).toEqual(['lamp:*', ['%lamp%'], 'lamp:*', ['%lamp%'], 20, 0]);
  });

  it('when category and price filters are given, then the page and count use them all, in placeholder order', () => {
    const sql = buildSearchSql(plan({ ...lamp, category: 'home-kitchen', minPrice: 1000, maxPrice: 9000 }));

    expect(sql.count.sql).toContain('and category = ? and price_amount >= ? and price_amount <= ?');
    expect(sql.count.params).toEqual(['lamp:*', ['%lamp%'], 'home-kitchen', 1000, 9000]);
  });

  it('when a category is chosen, then category facets are counted across every category but prices only inside it', () => {
    const sql = buildSearchSql(plan({ category: 'electronics', minPrice: 500 }));

    expect(sql.categories.sql).not.toContain('category = ?');
    expect(sql.categories.sql).toContain('group by category');
    expect(sql.categories.params).toEqual([500]);
    expect(sql.prices.sql).toContain('category = ?');
    expect(sql.prices.params).toEqual(['electronics']);
  });

  it.each([
    ['price_asc', 'order by price_amount asc, id'],
    ['price_desc', 'order by price_amount desc, id'],
    ['name', 'order by lower(name) asc, id'],
    ['newest', 'order by created_at desc, id'],
  ] as const)('when sorted by %s, then the page is ordered with a unique tie-breaker', (order, clause) => {
    expect(buildSearchSql(plan({ order })).page.sql).toContain(clause);
  });

  it('when a table name is given, then every statement reads from it', () => {
    const sql = buildSearchSql(plan(), '"catalog_x".products');

    for (const part of [sql.page, sql.count, sql.categories, sql.prices]) expect(part.sql).toContain('from "catalog_x".products');
  });
});

describe('ranked id statements', () => {
  it('when keyword ids are asked for, then the filters apply and the limit is last', () => {
    const sql = buildKeywordIdsSql(plan({ ...lamp, maxPrice: 5000 }), 100);

    expect(sql.sql).toContain('price_amount <= ?');
    expect(sql.params.at(-1)).toBe(100);
  });

  it('when a minimum rating is asked for, then unrated products are left out and the average is compared in integers, in every statement', () => {
    const sql = buildSearchSql(plan({ minRating: 4 }));
    const nearest = buildNearestIdsSql(plan({ minRating: 4 }), [1], 10);

    for (const part of [sql.page, sql.count, sql.categories, sql.prices, nearest]) {
      expect(part.sql).toContain('rating_count > 0 and rating_total >= ?::numeric * rating_count');
      expect(part.params).toContain(4);
    }
  });

  it('when nearest ids are asked for, then products without embeddings are skipped, filters apply inside the index scan and distance orders the outside', () => {
    const sql = buildNearestIdsSql(plan({ category: 'outdoor-camping' }), [0.5, -0.5], 50);

    expect(sql.sql).toContain('where embedding is not null and deleted_at is null and category = ?');
    expect(sql.sql).toContain('order by embedding <=> ?::vector limit ?');
    expect(sql.sql).toContain('select id from nearest order by distance, id');
    expect(sql.params).toEqual(['[0.5,-0.5]', 'outdoor-camping', '[0.5,-0.5]', 50]);
  });
});
