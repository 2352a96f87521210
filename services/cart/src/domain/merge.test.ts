import type { ProductLookupItem } from '@shopmesh/contracts';
import { mergeCarts } from './cart';
import type { StoredCart, StoredLine } from './ports';

const now = new Date('2026-03-01T10:00:00Z');
const product = (id: string, available: number, amount = 1000, currency = 'USD'): ProductLookupItem =>
  ({ id, sellerId: 's1', name: `P ${id}`, price: { amount, currency }, available }) as ProductLookupItem;
const line = (productId: string, quantity: number, amount = 900): StoredLine => ({
  productId,
  sellerId: 's1',
  name: `old ${productId}`,
  quantity,
  unitPrice: { amount, currency: 'USD' },
  addedAt: '2026-02-01T00:00:00.000Z',
});
const cart = (...lines: StoredLine[]): StoredCart => ({ lines, updatedAt: '2026-02-01T00:00:00.000Z' });

describe('merging a guest cart', () => {
  it('when both carts hold a product, then the quantities are summed and the line takes the current price', () => {
    const merged = mergeCarts(cart(line('a', 2)), cart(line('a', 3), line('b', 1)), [product('a', 50), product('b', 50)], now);

    expect(merged.lines.map((l) => [l.productId, l.quantity, l.unitPrice.amount])).toEqual([
      ['a', 5, 1000],
      ['b', 1, 1000],
    ]);
    expect(merged.updatedAt).toBe(now.toISOString());
  });

  it('when the sum is more than is available, then the line is capped at the available count', () => {
    const merged = mergeCarts(cart(line('a', 4)), cart(line('a', 4)), [product('a', 5)], now);

    expect(merged.lines[0]!.quantity).toBe(5);
  });

  it('when a guest line is sold out, unknown or in another currency, then it is left out', () => {
    const merged = mergeCarts(
      cart(line('a', 1)),
      cart(line('b', 1), line('c', 1), line('d', 1)),
      [product('a', 5), product('b', 0), product('d', 5, 100, 'EUR')],
      now,
    );

    expect(merged.lines.map((l) => l.productId)).toEqual(['a']);
  });

  it('when the user has no cart yet, then the guest lines become it', () => {
    const merged = mergeCarts(undefined, cart(line('a', 2)), [product('a', 5)], now);

    expect(merged.lines).toEqual([expect.objectContaining({ productId: 'a', quantity: 2 })]);
  });
});
