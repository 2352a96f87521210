import type { SearchPlan } from '../domain/search';
import { buildSearchSql } from './search-sql';

const plan = (overrides: Partial<SearchPlan> = {}): SearchPlan => ({ order: 'newest', page: 1, pageSize: 20, offset: 0, ...overrides });

describe('buildSearchSql', () => {
  it('when there are no filters, then nothing is filtered and the page is limited', () => {
    const sql = buildSearchSql(plan({ pageSize: 10, offset: 30 }));

    expect(sql.page.sql).not.toContain('where');
    expect(sql.page.sql).toContain('order by created_at desc, id limit ? offset ?');
    expect(sql.page.params).toEqual([10, 30]);
    expect(sql.count.params).toEqual([]);
  });

  it('when text is ranked, then it filters with websearch_to_tsquery and orders by ts_rank_cd with the text again', () => {
    const sql = buildSearchSql(plan({ text: 'trail shoes', order: 'rank' }));

    expect(sql.page.sql).toContain(`where search @@ websearch_to_tsquery('english', ?)`);
    expect(sql.page.sql).toContain(`order by ts_rank_cd(search, websearch_to_tsquery('english', ?)) desc`);
    expect(sql.page.params).toEqual(['trail shoes', 'trail shoes', 20, 0]);
  });

  it('when category and price filters are given, then the page and count use them all, in placeholder order', () => {
    const sql = buildSearchSql(plan({ text: 'lamp', category: 'home-kitchen', minPrice: 1000, maxPrice: 9000 }));

    expect(sql.count.sql).toContain("where search @@ websearch_to_tsquery('english', ?) and category = ? and price_amount >= ? and price_amount <= ?");
    expect(sql.count.params).toEqual(['lamp', 'home-kitchen', 1000, 9000]);
  });

  it('when a category is chosen, then facets are still counted across every category', () => {
    const sql = buildSearchSql(plan({ category: 'electronics', minPrice: 500 }));

    expect(sql.facets.sql).not.toContain('category = ?');
    expect(sql.facets.sql).toContain('group by category');
    expect(sql.facets.params).toEqual([500]);
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

    for (const part of [sql.page, sql.count, sql.facets]) expect(part.sql).toContain('from "catalog_x".products');
  });
});
