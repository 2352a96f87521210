import type { ProductLookupItem } from '@shopmesh/contracts';
import { createCartService } from './cart-service';
import { StaleCartError, type CartStore, type StoredCart } from './ports';

const USER = '00000000-0000-4000-8000-000000000101';
const ORDER_A = '00000000-0000-4000-8000-0000000000a1';
const ORDER_B = '00000000-0000-4000-8000-0000000000b1';
const product = (n: number): ProductLookupItem => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  sellerId: '00000000-0000-4000-8000-00000000000a',
  name: `Product ${n}`,
  price: { amount: 1000, currency: 'USD' },
  available: 50,
});
const [lamp, mug] = [product(1), product(2)];
const clock = { now: () => new Date('2025-03-01T10:00:00.000Z') };

// Versioned first-write-wins and create-if-absent like the state store: concurrency is left to the versions.
function memoryStore(): CartStore {
  const carts = new Map<string, { cart: StoredCart; etag: string }>();
  let version = 0;
  return {
    get: async (userId) => carts.get(userId),
    async save(userId, cart, etag) {
      await new Promise((resolve) => setImmediate(resolve));
      if (etag === undefined ? carts.has(userId) : carts.get(userId)?.etag !== etag) throw new StaleCartError();
      const next = `v${++version}`;
      carts.set(userId, { cart, etag: next });
      return next;
    },
    async delete(userId) {
      carts.delete(userId);
    },
  };
}

const service = () =>
  createCartService({ store: memoryStore(), catalog: { lookup: async (ids) => [lamp, mug].filter((p) => ids.includes(p.id)) }, clock, currency: 'USD' });

describe('cart claims (checkout takes the cart)', () => {
  it('when an order claims the cart, then it takes every line at the version it read and a second claim is a 409 cart-already-ordered', async () => {
    const carts = service();
    const { etag } = await carts.add(USER, { productId: lamp.id, quantity: 2 }, undefined);

    const claim = await carts.claim(USER, { orderId: ORDER_A, idempotencyKey: 'key-a' });
    const second = carts.claim(USER, { orderId: ORDER_B, idempotencyKey: 'key-b' });

    expect(claim).toEqual({ orderId: ORDER_A, version: etag, lines: [{ productId: lamp.id, quantity: 2 }], created: true });
    await expect(second).rejects.toMatchObject({ status: 409, code: 'cart-already-ordered' });
  });

  it('when ten orders claim one cart at once, then exactly one gets it', async () => {
    const carts = service();
    await carts.add(USER, { productId: lamp.id, quantity: 1 }, undefined);

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => carts.claim(USER, { orderId: `00000000-0000-4000-8000-00000000010${i}`, idempotencyKey: `key-${i}` })),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(9).fill('cart-already-ordered'));
  });

  it('when the same idempotency key claims again, then it answers the first claim with its order id', async () => {
    const carts = service();
    await carts.add(USER, { productId: lamp.id, quantity: 1 }, undefined);
    await carts.claim(USER, { orderId: ORDER_A, idempotencyKey: 'same-key' });

    const again = await carts.claim(USER, { orderId: ORDER_B, idempotencyKey: 'same-key' });

    expect(again).toMatchObject({ orderId: ORDER_A, created: false });
  });

  it('when the cart is empty, then a claim is a 422 cart-empty', async () => {
    await expect(service().claim(USER, { orderId: ORDER_A, idempotencyKey: 'k' })).rejects.toMatchObject({ status: 422, code: 'cart-empty' });
  });

  it('when the order went through and took every line, then a late second checkout of that cart is a 409 cart-already-ordered', async () => {
    const carts = service();
    await carts.add(USER, { productId: lamp.id, quantity: 2 }, undefined);
    await carts.claim(USER, { orderId: ORDER_A, idempotencyKey: 'k1' });
    await carts.completeClaim(USER, ORDER_A);

    const late = carts.claim(USER, { orderId: ORDER_B, idempotencyKey: 'k2' });

    await expect(late).rejects.toMatchObject({ status: 409, code: 'cart-already-ordered' });
    expect((await carts.get(USER)).cart.itemCount).toBe(0);
  });

  it('when the shopper changes the cart after an order emptied it, then a checkout of the empty cart is a 422 cart-empty again', async () => {
    const carts = service();
    await carts.add(USER, { productId: lamp.id, quantity: 2 }, undefined);
    await carts.claim(USER, { orderId: ORDER_A, idempotencyKey: 'k1' });
    await carts.completeClaim(USER, ORDER_A);
    await carts.add(USER, { productId: mug.id, quantity: 1 }, undefined);
    await carts.remove(USER, mug.id, undefined);

    const claim = carts.claim(USER, { orderId: ORDER_B, idempotencyKey: 'k2' });

    await expect(claim).rejects.toMatchObject({ status: 422, code: 'cart-empty' });
  });

  it('when lines are added after a claim and the claim completes, then exactly the ordered quantities leave and the additions stay', async () => {
    const carts = service();
    await carts.add(USER, { productId: lamp.id, quantity: 2 }, undefined);
    await carts.claim(USER, { orderId: ORDER_A, idempotencyKey: 'k' });
    await carts.add(USER, { productId: lamp.id, quantity: 1 }, undefined);
    await carts.add(USER, { productId: mug.id, quantity: 3 }, undefined);

    await carts.completeClaim(USER, ORDER_A);
    await carts.completeClaim(USER, ORDER_A);

    const { cart } = await carts.get(USER);
    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([
      [lamp.id, 1],
      [mug.id, 3],
    ]);
  });

  it('when lines are added after a claim, then a second order claims only the additions', async () => {
    const carts = service();
    await carts.add(USER, { productId: lamp.id, quantity: 2 }, undefined);
    await carts.claim(USER, { orderId: ORDER_A, idempotencyKey: 'k1' });
    await carts.add(USER, { productId: mug.id, quantity: 1 }, undefined);

    const second = await carts.claim(USER, { orderId: ORDER_B, idempotencyKey: 'k2' });

    expect(second.lines).toEqual([{ productId: mug.id, quantity: 1 }]);
  });

  it('when a claim is released (the order was cancelled), then the lines stay and can be ordered again', async () => {
    const carts = service();
    await carts.add(USER, { productId: lamp.id, quantity: 2 }, undefined);
    await carts.claim(USER, { orderId: ORDER_A, idempotencyKey: 'k1' });

    await carts.releaseClaim(USER, ORDER_A);
    const again = await carts.claim(USER, { orderId: ORDER_B, idempotencyKey: 'k2' });

    expect((await carts.get(USER)).cart.itemCount).toBe(2);
    expect(again.lines).toEqual([{ productId: lamp.id, quantity: 2 }]);
  });
});
