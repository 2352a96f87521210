import type { InventoryDeps, InventoryStore } from './ports';
import { lookupStock } from './stock';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const UNKNOWN = '00000000-0000-4000-8000-00000000000c';

function depsWith(available: Map<string, number>): InventoryDeps & { asked: string[][] } {
  const asked: string[][] = [];
  const store: Pick<InventoryStore, 'available'> = {
    available: async (ids) => {
      asked.push(ids);
      return new Map([...available].filter(([id]) => ids.includes(id)));
    },
  };
  return {
    asked,
    store: store as InventoryStore,
    clock: { now: () => new Date() },
    settings: { reservationTtlSeconds: 900, lowStockThreshold: 5 },
  };
}

describe('lookupStock', () => {
  it('when products repeat or are unknown, then each id answers once, in request order, unknown ones with 0', async () => {
    const deps = depsWith(
      new Map([
        [A, 7],
        [B, 2],
      ]),
    );

    const result = await lookupStock(deps, [B, UNKNOWN, A, B]);

    expect(result).toEqual([
      { productId: B, available: 2 },
      { productId: UNKNOWN, available: 0 },
      { productId: A, available: 7 },
    ]);
    expect(deps.asked).toEqual([[B, UNKNOWN, A]]);
  });
});
