/** The constant of reciprocal rank fusion (Cormack et al., 2009): damps the head of each list. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: each id scores the sum of weight / (k + rank) over the lists it appears in
 * (ranks from 1), so an item both rankers like beats one only a single ranker put first. Ties keep the
 * order of first appearance. Weights default to 1 per list.
 */
export function fuseRanks(lists: string[][], k = RRF_K, weights: number[] = []): string[] {
  const scores = new Map<string, number>();
  lists.forEach((list, l) => {
    const weight = weights[l] ?? 1;
    list.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + weight / (k + index + 1)));
  });
  return [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}
