import { ProductQuery } from '@shopmesh/contracts';
import { DomainError } from '@shopmesh/platform';
import { planSearch } from './search';

const parse = (query: Record<string, string>) => ProductQuery.parse(query);
const failedFields = (query: Record<string, string>) => {
  const result = ProductQuery.safeParse(query);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('ProductQuery', () => {
  it('when nothing is given, then it defaults to keyword mode, relevance, page 1 of 20', () => {
    expect(parse({})).toEqual({ page: 1, pageSize: 20, mode: 'keyword', sort: 'relevance' });
  });

  it('when numbers arrive as strings, then they are coerced', () => {
    expect(parse({ page: '3', pageSize: '50', minPrice: '1000', maxPrice: '5000' })).toMatchObject({ page: 3, pageSize: 50, minPrice: 1000, maxPrice: 5000 });
  });

  it.each([
    [{ pageSize: '0' }, 'pageSize'],
    [{ pageSize: '101' }, 'pageSize'],
    [{ page: '0' }, 'page'],
    [{ minPrice: '-1' }, 'minPrice'],
    [{ maxPrice: '9.99' }, 'maxPrice'],
    [{ sort: 'cheapest' }, 'sort'],
    [{ mode: 'fuzzy' }, 'mode'],
    [{ q: 'x'.repeat(201) }, 'q'],
    [{ category: 'Not A Slug' }, 'category'],
  ])('when %j is given, then %s is rejected', (query, field) => {
    expect(failedFields(query)).toEqual([field]);
  });
});

describe('planSearch', () => {
  it('when text is given with relevance, then results are ranked by match with a prefix tsquery and name patterns', () => {
    expect(planSearch(parse({ q: ' cast iron ' }))).toMatchObject({
      text: 'cast iron',
      order: 'rank',
      keyword: { tsquery: 'cast:* | iron:*', namePatterns: ['%cast%', '%iron%'] },
    });
  });

  it('when semantic or hybrid mode is asked for, then the plan carries the mode', () => {
    expect(planSearch(parse({ q: 'warm', mode: 'hybrid' })).mode).toBe('hybrid');
    expect(planSearch(parse({ q: 'warm', mode: 'semantic' })).mode).toBe('semantic');
  });

  it('when the text has no letter or digit, then there is no text to search', () => {
    expect(planSearch(parse({ q: '?!' })).text).toBeUndefined();
  });

  it('when no text is given, then relevance falls back to newest first', () => {
    const plan = planSearch(parse({ q: '   ' }));
    expect(plan.text).toBeUndefined();
    expect(plan.order).toBe('newest');
  });

  it('when an explicit sort is given, then it wins over relevance even with text', () => {
    expect(planSearch(parse({ q: 'tent', sort: 'price_asc' })).order).toBe('price_asc');
  });

  it('when a page is asked for, then the offset skips the pages before it', () => {
    expect(planSearch(parse({ page: '3', pageSize: '25' }))).toMatchObject({ page: 3, pageSize: 25, offset: 50 });
  });

  it('when filters are given, then the plan carries them', () => {
    expect(planSearch(parse({ category: 'electronics', minPrice: '100', maxPrice: '200' }))).toMatchObject({
      category: 'electronics',
      minPrice: 100,
      maxPrice: 200,
    });
  });

  it('when minPrice exceeds maxPrice, then it is a 400 naming query.minPrice', () => {
    expect(() => planSearch(parse({ minPrice: '500', maxPrice: '100' }))).toThrow(
      expect.objectContaining<Partial<DomainError>>({ status: 400, errors: [expect.objectContaining({ field: 'query.minPrice' })] }),
    );
  });
});
