import { DomainError } from '@shopmesh/platform';
import { checkOnHand, crossesLowStock } from './stock-rules';

describe('checkOnHand', () => {
  it('when the new level covers what is reserved, then it is accepted', () => {
    expect(() => checkOnHand(3, 3)).not.toThrow();
  });

  it('when the new level is below what is reserved, then it is a 409 stock-below-reserved', () => {
    expect(() => checkOnHand(2, 3)).toThrow(expect.objectContaining<Partial<DomainError>>({ status: 409, code: 'stock-below-reserved' }));
  });
});

describe('crossesLowStock', () => {
  it('when availability drops below the threshold, then it crosses', () => {
    expect(crossesLowStock(5, 4, 5)).toBe(true);
  });

  it('when it was already below the threshold, then it does not cross again', () => {
    expect(crossesLowStock(4, 3, 5)).toBe(false);
  });

  it('when it stays at or above the threshold, then it does not cross', () => {
    expect(crossesLowStock(9, 5, 5)).toBe(false);
  });

  it('when a product starts below the threshold, then that counts as crossing', () => {
    expect(crossesLowStock(undefined, 2, 5)).toBe(true);
  });
});
