import { RRF_K, fuseRanks } from './rank-fusion';

describe('fuseRanks', () => {
  it('when both rankers like an item, then it beats an item only one ranker put first', () => {
    const keyword = ['only-keyword', 'both'];
    const meaning = ['only-meaning', 'both'];

    expect(fuseRanks([keyword, meaning])[0]).toBe('both');
  });

  it('when the lists are disjoint, then items alternate by rank and ties keep first appearance', () => {
    expect(
      fuseRanks([
        ['a1', 'a2'],
        ['b1', 'b2'],
      ]),
    ).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('when one list is empty, then the other comes back in its own order', () => {
    expect(fuseRanks([[], ['x', 'y', 'z']])).toEqual(['x', 'y', 'z']);
  });

  it('when k is the default, then a first rank scores 1 / (k + 1)', () => {
    // 'a' is first in one list and absent from the other; 'b' is 2nd in both: 2/(k+2) > 1/(k+1).
    expect(
      fuseRanks([
        ['a', 'b'],
        ['c', 'b'],
      ])[0],
    ).toBe('b');
    expect(RRF_K).toBe(60);
  });
});

describe('fuseRanks with weights', () => {
  it('when one list weighs half, then its first item falls behind an item both lists hold and the other list first item', () => {
    const keyword = ['kw-only', 'both'];
    const meaning = ['meaning-only', 'x', 'y', 'both'];

    expect(fuseRanks([keyword, meaning], 60, [0.5, 1]).slice(0, 3)).toEqual(['both', 'meaning-only', 'x']);
  });
});
