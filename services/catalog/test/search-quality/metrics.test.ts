import { ndcgAt, percentile, recallAt } from './metrics';

describe('search quality metrics', () => {
  it('when every relevant item leads the ranking, then nDCG and recall are 1', () => {
    expect(ndcgAt(10, ['a', 'b', 'x'], new Set(['a', 'b']))).toBeCloseTo(1);
    expect(recallAt(10, ['a', 'b', 'x'], new Set(['a', 'b']))).toBe(1);
  });

  it('when the relevant item is second, then nDCG is 1/log2(3) and recall still 1', () => {
    expect(ndcgAt(10, ['x', 'a'], new Set(['a']))).toBeCloseTo(1 / Math.log2(3));
    expect(recallAt(10, ['x', 'a'], new Set(['a']))).toBe(1);
  });

  it('when relevant items fall below the cut-off, then they do not count', () => {
    expect(recallAt(1, ['x', 'a'], new Set(['a']))).toBe(0);
    expect(ndcgAt(1, ['x', 'a'], new Set(['a']))).toBe(0);
  });

  it('when percentiles are asked for, then the nearest rank is answered', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
  });
});
