import { DomainError } from '@shopmesh/platform';
import type { ProductLookupItem } from '@shopmesh/contracts';
import { addItem, removeItem, setItemQuantity, toCartView } from './cart';
import type { StoredCart } from './ports';

const now = new Date('2025-03-01T10:00:00.000Z');
const later = new Date('2025-03-01T11:00:00.000Z');
const SELLER = '00000000-0000-4000-8000-00000000000a';

const product = (id: string, overrides: Partial<ProductLookupItem> = {}): ProductLookupItem => ({
  id,
  sellerId: SELLER,
  name: `Product ${id.slice(-1)}`,
  price: { amount: 1250, currency: 'USD' },
  available: 10,
  ...overrides,
});
const lamp = product('00000000-0000-4000-8000-000000000001');
const mug = product('00000000-0000-4000-8000-000000000002', { price: { amount: 399, currency: 'USD' } });

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe('cart lines', () => {
  it('when a product is added to an empty cart, then it becomes a line with the catalog price snapshot', () => {
    const cart = addItem(undefined, lamp, 2, now);

    expect(cart).toEqual({
      lines: [{ productId: lamp.id, sellerId: SELLER, name: lamp.name, quantity: 2, unitPrice: { amount: 1250, currency: 'USD' }, addedAt: now.toISOString() }],
      updatedAt: now.toISOString(),
    });
  });

  it('when a product already in the cart is added again, then its line quantity grows and it keeps its position and addedAt', () => {
    const cart = addItem(addItem(addItem(undefined, lamp, 1, now), mug, 1, now), lamp, 3, later);

    expect(cart.lines.map((l) => [l.productId, l.quantity, l.addedAt])).toEqual([
      [lamp.id, 4, now.toISOString()],
      [mug.id, 1, now.toISOString()],
    ]);
    expect(cart.updatedAt).toBe(later.toISOString());
  });

  it('when a line is touched after the price changed, then it takes the new price and name', () => {
    const cart = addItem(undefined, lamp, 1, now);

    const next = addItem(cart, { ...lamp, name: 'Lamp v2', price: { amount: 999, currency: 'USD' } }, 1, later);

    expect(next.lines[0]).toMatchObject({ name: 'Lamp v2', unitPrice: { amount: 999, currency: 'USD' }, quantity: 2 });
  });

  it('when the merged quantity exceeds what is available, then a 422 names body.quantity', () => {
    const cart = addItem(undefined, { ...lamp, available: 3 }, 2, now);

    const err = caught(() => addItem(cart, { ...lamp, available: 3 }, 2, now));

    expect(err).toMatchObject({ status: 422, code: 'insufficient-stock', errors: [{ field: 'body.quantity', message: 'only 3 available' }] });
  });

  it('when a line would exceed 99 units, then a 422 quantity-limit names body.quantity', () => {
    const cart = addItem(undefined, { ...lamp, available: 500 }, 99, now);

    const err = caught(() => addItem(cart, { ...lamp, available: 500 }, 1, now));

    expect(err).toMatchObject({ status: 422, code: 'quantity-limit', errors: [{ field: 'body.quantity' }] });
  });

  it('when a product in another currency is added, then a 422 currency-mismatch names body.productId', () => {
    const cart = addItem(undefined, lamp, 1, now);

    const err = caught(() => addItem(cart, { ...mug, price: { amount: 399, currency: 'EUR' } }, 1, now));

    expect(err).toMatchObject({ status: 422, code: 'currency-mismatch', errors: [{ field: 'body.productId' }] });
  });

  it('when the cart already holds 50 products, then a 51st is refused with cart-full', () => {
    let cart: StoredCart | undefined;
    for (let i = 0; i < 50; i++) cart = addItem(cart, product(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`), 1, now);

    const err = caught(() => addItem(cart, product('00000000-0000-4000-8000-999999999999'), 1, now));

    expect(err).toMatchObject({ status: 422, code: 'cart-full' });
  });

  it('when a quantity is set, then the line holds exactly that many', () => {
    const cart = addItem(undefined, lamp, 5, now);

    expect(setItemQuantity(cart, lamp, 2, later).lines[0]?.quantity).toBe(2);
  });

  it('when a quantity is set above availability, then a 422 names body.quantity', () => {
    const cart = addItem(undefined, lamp, 1, now);

    expect(caught(() => setItemQuantity(cart, { ...lamp, available: 4 }, 5, later))).toMatchObject({ status: 422, code: 'insufficient-stock' });
  });

  it('when a product not in the cart is changed or removed, then it is a 404', () => {
    const cart = addItem(undefined, lamp, 1, now);

    expect(caught(() => setItemQuantity(cart, mug, 1, later)).status).toBe(404);
    expect(caught(() => removeItem(cart, mug.id, later)).status).toBe(404);
    expect(caught(() => removeItem(undefined, mug.id, later)).status).toBe(404);
  });

  it('when a line is removed, then the others stay', () => {
    const cart = addItem(addItem(undefined, lamp, 1, now), mug, 2, now);

    expect(removeItem(cart, lamp.id, later).lines.map((l) => l.productId)).toEqual([mug.id]);
  });
});

describe('cart view', () => {
  it('when a cart has lines, then line totals, subtotal and item count add up in minor units', () => {
    const cart = addItem(addItem(undefined, lamp, 3, now), mug, 2, now);

    const view = toCartView('u1', cart, 'EUR');

    expect(view.lines.map((l) => l.lineTotal)).toEqual([
      { amount: 3750, currency: 'USD' },
      { amount: 798, currency: 'USD' },
    ]);
    expect(view.subtotal).toEqual({ amount: 4548, currency: 'USD' });
    expect(view.itemCount).toBe(5);
    expect(view.updatedAt).toBe(now.toISOString());
  });

  it('when there is no cart, then the view is empty with a zero subtotal in the default currency', () => {
    expect(toCartView('u1', undefined, 'EUR')).toEqual({ userId: 'u1', lines: [], subtotal: { amount: 0, currency: 'EUR' }, itemCount: 0, updatedAt: null });
  });
});
