import { DomainError } from '@shopmesh/platform';
import { cartPromoView, promoDiscount, type StoredPromo } from './promo';

const now = new Date('2026-06-01T12:00:00Z');
const seller = '1d000000-0000-4000-8000-000000000002';
const other = '1d000000-0000-4000-8000-000000000004';
const promo = (extra: Partial<StoredPromo> = {}): StoredPromo => ({
  code: 'SAVE10',
  kind: 'percent',
  value: 10,
  currency: null,
  minSubtotal: 0,
  expiresAt: null,
  usageLimit: null,
  usedCount: 0,
  sellerId: null,
  createdBy: 'admin',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});
const line = (sellerId: string, amount: number) => ({ sellerId, lineTotal: { amount, currency: 'USD' } });
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return { status: err.status, code: err.code, field: err.errors[0]?.field, detail: err.message };
  }
  throw new Error('expected a refusal');
};

describe('promo discounts', () => {
  it('when a percent code applies, then it takes that share of the subtotal, rounded down', () => {
    expect(promoDiscount(promo(), [line(seller, 1999), line(other, 1000)], now)).toEqual({ amount: 299, currency: 'USD' });
  });

  it("when a seller's code applies, then only that seller's lines are discounted", () => {
    expect(promoDiscount(promo({ sellerId: seller, value: 50 }), [line(seller, 1000), line(other, 4000)], now).amount).toBe(500);
  });

  it('when a fixed code is worth more than the cart, then the discount stops at the subtotal', () => {
    expect(promoDiscount(promo({ kind: 'fixed', value: 5000, currency: 'USD' }), [line(seller, 1200)], now).amount).toBe(1200);
  });

  it.each([
    ['expired', promo({ expiresAt: '2026-05-01T00:00:00.000Z' }), 422, 'promo-expired'],
    ['used up', promo({ usageLimit: 3, usedCount: 3 }), 409, 'promo-exhausted'],
    ['below its minimum', promo({ minSubtotal: 5000 }), 422, 'promo-min-subtotal'],
    ["another seller's", promo({ sellerId: other }), 422, 'promo-not-applicable'],
    ['in another currency', promo({ kind: 'fixed', value: 100, currency: 'EUR' }), 422, 'promo-not-applicable'],
  ])('when the code is %s, then it is refused naming body.code and the code', (_, p, status, code) => {
    expect(refusal(() => promoDiscount(p, [line(seller, 1000)], now))).toMatchObject({
      status,
      code,
      field: 'body.code',
      detail: expect.stringContaining('SAVE10'),
    });
  });

  it('when the cart shows a code that no longer applies, then it shows no discount and why', () => {
    const view = cartPromoView('SAVE10', promo({ usageLimit: 1, usedCount: 1 }), [line(seller, 1000)], { amount: 1000, currency: 'USD' }, now);

    expect(view).toEqual({ code: 'SAVE10', discount: { amount: 0, currency: 'USD' }, total: { amount: 1000, currency: 'USD' }, problem: 'has been used up' });
  });
});
