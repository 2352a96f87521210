import { DomainError } from '@shopmesh/platform';
import { priceOrder } from './pricing';

const lamp = {
  id: '00000000-0000-4000-8000-000000000001',
  sellerId: '00000000-0000-4000-8000-0000000000aa',
  name: 'Lamp',
  price: { amount: 1999, currency: 'USD' },
};
const mug = {
  id: '00000000-0000-4000-8000-000000000002',
  sellerId: '00000000-0000-4000-8000-0000000000bb',
  name: 'Mug',
  price: { amount: 550, currency: 'USD' },
};

describe('priceOrder', () => {
  it('when lines are priced, then each line and the total use the catalog price', () => {
    const { lines, total } = priceOrder(
      [
        { productId: lamp.id, quantity: 2 },
        { productId: mug.id, quantity: 3 },
      ],
      [lamp, mug],
    );
    expect(lines.map((l) => l.lineTotal.amount)).toEqual([3998, 1650]);
    expect(total).toEqual({ amount: 5648, currency: 'USD' });
  });

  it('when the cart is empty, then it is a 422 cart-empty', () => {
    expect(() => priceOrder([], [lamp])).toThrow(expect.objectContaining({ status: 422, code: 'cart-empty' }) as DomainError);
  });

  it('when a product is gone from the catalog, then it is a 422 naming it', () => {
    expect(() => priceOrder([{ productId: mug.id, quantity: 1 }], [lamp])).toThrow(mug.id);
  });

  it('when currencies differ, then the order is refused', () => {
    expect(() =>
      priceOrder(
        [
          { productId: lamp.id, quantity: 1 },
          { productId: mug.id, quantity: 1 },
        ],
        [lamp, { ...mug, price: { amount: 1, currency: 'EUR' } }],
      ),
    ).toThrow(expect.objectContaining({ code: 'mixed-currencies' }) as DomainError);
  });
});
