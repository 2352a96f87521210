import type { PromoCode } from '@shopmesh/contracts';
import { describe, expect, it } from 'vitest';
import { describePromo, emptyPromoForm, promoEnded, promoRequest, promoUses } from './promo';

const promo = (over: Partial<PromoCode> = {}): PromoCode => ({
  code: 'SPRING10',
  kind: 'percent',
  value: 10,
  currency: null,
  minSubtotal: 0,
  expiresAt: null,
  usageLimit: null,
  usedCount: 0,
  sellerId: '00000000-0000-4000-8000-000000000001',
  createdAt: '2026-03-01T10:00:00.000Z',
  ...over,
});

describe('the seller promo code form', () => {
  it('when a percentage code is filled in, then the request carries it in upper case with no currency and no minimum', () => {
    const { request, errors } = promoRequest({ ...emptyPromoForm(), code: ' spring10 ', value: '10' }, 'EUR');

    expect(errors).toEqual({});
    expect(request).toEqual({ code: 'SPRING10', kind: 'percent', value: 10, minSubtotal: 0 });
  });

  it('when a fixed amount with a minimum, an expiry day and a limit is filled in, then money goes in minor units of the seller currency and the code works to the end of that day', () => {
    const { request } = promoRequest({ code: 'FIVE-OFF', kind: 'fixed', value: '5', minSubtotal: '20.50', expiresOn: '2026-12-31', usageLimit: '100' }, 'EUR');

    expect(request).toEqual({
      code: 'FIVE-OFF',
      kind: 'fixed',
      value: 500,
      currency: 'EUR',
      minSubtotal: 2050,
      expiresAt: '2026-12-31T23:59:59.999Z',
      usageLimit: 100,
    });
  });

  it('when fields are wrong, then each is named with what to type, and no request is made', () => {
    const { request, errors } = promoRequest({ code: 'a!', kind: 'percent', value: '150', minSubtotal: 'ten', expiresOn: '', usageLimit: '0' }, 'USD');

    expect(request).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(['code', 'minSubtotal', 'usageLimit', 'value']);
    expect(promoRequest({ ...emptyPromoForm(), code: 'OK1', kind: 'fixed', value: '0.001' }, 'USD').errors.value).toMatch(/5\.00/);
  });

  it('when codes are listed, then each reads as its discount, its uses and whether it still works', () => {
    expect(describePromo(promo(), 'USD')).toBe('10% off');
    expect(describePromo(promo({ kind: 'fixed', value: 500, currency: 'USD', minSubtotal: 2000 }), 'USD')).toBe('$5.00 off orders from $20.00');
    expect(promoUses(promo({ usedCount: 3 }))).toBe('3 (no limit)');
    expect(promoUses(promo({ usedCount: 3, usageLimit: 4 }))).toBe('3 of 4');
    const now = new Date('2026-06-01T00:00:00.000Z');
    expect(promoEnded(promo(), now)).toBe(false);
    expect(promoEnded(promo({ usedCount: 4, usageLimit: 4 }), now)).toBe(true);
    expect(promoEnded(promo({ expiresAt: '2026-05-31T23:59:59.999Z' }), now)).toBe(true);
  });
});
