import { randomUUID } from 'node:crypto';
import { SCARCE_PRODUCT_ID, type Cart } from '@shopmesh/contracts';
import { cartApp, LAMP as lamp, MUG as mug } from '../../test/cart-app';

describe('cart API', () => {
  const { api, user } = cartApp();

  const shopper = async () => user();
  const add = (auth: string, productId: string, quantity: number) => api.post('/cart/items').set('authorization', auth).send({ productId, quantity });
  const getCart = async (auth: string): Promise<{ cart: Cart; etag: string }> => {
    const res = await api.get('/cart').set('authorization', auth).expect(200);
    return { cart: res.body as Cart, etag: res.headers.etag as string };
  };

  it('when a shopper has no cart yet, then it reads as empty with an ETag', async () => {
    const { auth } = await shopper();

    const res = await api.get('/cart').set('authorization', auth);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lines: [], itemCount: 0, subtotal: { amount: 0 } });
    expect(res.headers.etag).toMatch(/^".+"$/);
  });

  it('when products are added, then lines carry the catalog price snapshot and totals add up', async () => {
    const { auth } = await shopper();

    await add(auth, lamp.id, 2).expect(200);
    const res = await add(auth, mug.id, 1);

    expect(res.status).toBe(200);
    expect(res.headers.etag).toMatch(/^".+"$/);
    expect(res.body.lines).toEqual([
      expect.objectContaining({ productId: lamp.id, sellerId: lamp.sellerId, name: lamp.name, quantity: 2, unitPrice: lamp.price }),
      expect.objectContaining({ productId: mug.id, quantity: 1, unitPrice: mug.price }),
    ]);
    expect(res.body.itemCount).toBe(3);
    expect(res.body.subtotal).toEqual({ amount: lamp.price.amount * 2 + mug.price.amount, currency: lamp.price.currency });
  });

  it('when a product already in the cart is added again, then its quantity grows', async () => {
    const { auth } = await shopper();
    await add(auth, lamp.id, 1).expect(200);

    const res = await add(auth, lamp.id, 3).expect(200);

    expect(res.body.lines).toHaveLength(1);
    expect(res.body.lines[0].quantity).toBe(4);
  });

  it('when a quantity is changed and a line removed, then the cart shows it; clearing empties it', async () => {
    const { auth } = await shopper();
    await add(auth, lamp.id, 1).expect(200);
    await add(auth, mug.id, 1).expect(200);

    const patched = await api.patch(`/cart/items/${lamp.id}`).set('authorization', auth).send({ quantity: 5 });
    const removed = await api.delete(`/cart/items/${mug.id}`).set('authorization', auth);
    const cleared = await api.delete('/cart').set('authorization', auth);

    expect(patched.status).toBe(200);
    expect(patched.body.lines.find((l: { productId: string }) => l.productId === lamp.id).quantity).toBe(5);
    expect(removed.body.lines.map((l: { productId: string }) => l.productId)).toEqual([lamp.id]);
    expect(cleared.status).toBe(204);
    expect((await getCart(auth)).cart.lines).toEqual([]);
  });

  it('when a product not in the cart is changed or removed, then it is a 404', async () => {
    const { auth } = await shopper();

    expect((await api.patch(`/cart/items/${lamp.id}`).set('authorization', auth).send({ quantity: 2 })).status).toBe(404);
    expect((await api.delete(`/cart/items/${lamp.id}`).set('authorization', auth)).status).toBe(404);
  });

  it('when one shopper fills a cart, then another shopper still sees only their own empty cart', async () => {
    const alice = await shopper();
    const bob = await shopper();
    await add(alice.auth, lamp.id, 1).expect(200);

    const { cart } = await getCart(bob.auth);

    expect(cart).toMatchObject({ userId: bob.id, lines: [] });
    expect((await getCart(alice.auth)).cart).toMatchObject({ userId: alice.id, itemCount: 1 });
  });

  it('when the body or path is invalid, then a 400 names each field', async () => {
    const { auth } = await shopper();

    const body = await api.post('/cart/items').set('authorization', auth).send({ productId: 'nope', quantity: 100 });
    const path = await api.patch('/cart/items/nope').set('authorization', auth).send({ quantity: 0 });

    expect(body.status).toBe(400);
    expect(body.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.productId', 'body.quantity']);
    expect(path.status).toBe(400);
    expect(path.body.errors.map((e: { field: string }) => e.field)).toContain('params.productId');
  });

  it('when more units are asked for than are available, then a 422 names body.quantity and the cart is unchanged', async () => {
    const { auth } = await shopper();
    await add(auth, SCARCE_PRODUCT_ID, 3).expect(200);

    const res = await add(auth, SCARCE_PRODUCT_ID, 3);

    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'insufficient-stock', errors: [{ field: 'body.quantity', message: 'only 5 available' }] });
    expect((await getCart(auth)).cart.itemCount).toBe(3);
  });

  it('when the product does not exist, then a 422 names body.productId', async () => {
    const { auth } = await shopper();

    const res = await add(auth, randomUUID(), 1);

    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'unknown-product', errors: [{ field: 'body.productId' }] });
  });

  it('when If-Match names a version that has since changed, then the write is a 412 and the current version still works', async () => {
    const { auth } = await shopper();
    await add(auth, lamp.id, 1).expect(200);
    const stale = (await getCart(auth)).etag;
    await add(auth, lamp.id, 1).expect(200);
    const current = (await getCart(auth)).etag;

    const rejected = await api.patch(`/cart/items/${lamp.id}`).set('authorization', auth).set('if-match', stale).send({ quantity: 9 });
    const accepted = await api.patch(`/cart/items/${lamp.id}`).set('authorization', auth).set('if-match', current).send({ quantity: 9 });

    expect(rejected.status).toBe(412);
    expect(accepted.status).toBe(200);
    expect(accepted.body.itemCount).toBe(9);
    expect(accepted.headers.etag).not.toBe(current);
  });

  it('when many adds arrive at once on an empty cart, then every one is counted', async () => {
    const { auth } = await shopper();

    const responses = await Promise.all([...Array.from({ length: 8 }, () => add(auth, lamp.id, 1)), ...Array.from({ length: 4 }, () => add(auth, mug.id, 2))]);

    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(200));
    const { cart } = await getCart(auth);
    expect(cart.lines.map((l) => [l.productId, l.quantity]).sort()).toEqual(
      [
        [lamp.id, 8],
        [mug.id, 8],
      ].sort(),
    );
  });

  it('when orders reads and clears a cart internally, then it sees the lines and clearing twice succeeds', async () => {
    const { id, auth } = await shopper();
    await add(auth, lamp.id, 2).expect(200);

    const read = await api.get(`/internal/carts/${id}`);
    const first = await api.post(`/internal/carts/${id}/clear`);
    const second = await api.post(`/internal/carts/${id}/clear`);

    expect(read.body).toMatchObject({ userId: id, itemCount: 2 });
    expect([first.status, second.status]).toEqual([204, 204]);
    expect((await getCart(auth)).cart.lines).toEqual([]);
  });
});
