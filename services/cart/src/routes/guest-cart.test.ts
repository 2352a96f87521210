import { randomUUID } from 'node:crypto';
import { SCARCE_PRODUCT_ID } from '@shopmesh/contracts';
import { cartApp, LAMP as lamp, MUG as mug } from '../../test/cart-app';

describe('guest carts', () => {
  const { api, user } = cartApp();

  const shopper = async () => user();
  /** A guest's first add: answers the cart and its signed id. */
  const newGuest = async (productId: string, quantity: number) => {
    const res = await api.post('/cart/items').send({ productId, quantity }).expect(200);
    return { cartId: res.headers['x-cart-id'] as string, cart: res.body };
  };

  it('when a visitor without an account adds a product, then they get a signed cart id that reaches the same cart again', async () => {
    const { cartId, cart } = await newGuest(lamp.id, 2);

    const again = await api.post('/cart/items').set('x-cart-id', cartId).send({ productId: mug.id, quantity: 1 });
    const read = await api.get('/cart').set('x-cart-id', cartId);

    expect(cartId).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(cart.itemCount).toBe(2);
    expect(again.headers['x-cart-id']).toBe(cartId);
    expect(read.body.itemCount).toBe(3);
    expect(read.body.userId).toBe(cartId.split('.')[0]);
  });

  it('when the cart id is tampered with, then the visitor gets a new empty cart and never the other one', async () => {
    const { cartId } = await newGuest(lamp.id, 1);
    const [id, signature] = cartId.split('.') as [string, string];
    const otherUuid = randomUUID();
    // The first character always changes the signature's bytes (the last one carries padding bits, and a
    // fixed replacement would equal the real one in 1 of 4,096 runs).
    const forgedSignature = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;

    const forged = await Promise.all([
      api.get('/cart').set('x-cart-id', `${id}.${forgedSignature}`),
      api.get('/cart').set('x-cart-id', `${otherUuid}.${signature}`),
      api.get('/cart').set('x-cart-id', id),
    ]);

    for (const res of forged) {
      expect(res.status).toBe(200);
      expect(res.body.lines).toEqual([]);
      expect(res.headers['x-cart-id']).not.toBe(cartId);
      expect(String(res.headers['x-cart-id']).split('.')[0]).not.toBe(id);
    }
    expect((await api.get('/cart').set('x-cart-id', cartId)).body.itemCount).toBe(1);
  });

  it('when a guest signs in and merges, then quantities are summed, the guest cart is gone and merging again changes nothing', async () => {
    const { auth } = await shopper();
    await api.post('/cart/items').set('authorization', auth).send({ productId: lamp.id, quantity: 2 }).expect(200);
    const { cartId } = await newGuest(lamp.id, 3);
    await api.post('/cart/items').set('x-cart-id', cartId).send({ productId: mug.id, quantity: 1 }).expect(200);

    const merged = await api.post('/cart/merge').set('authorization', auth).set('x-cart-id', cartId);
    const again = await api.post('/cart/merge').set('authorization', auth).set('x-cart-id', cartId);

    expect(merged.status).toBe(200);
    expect(merged.body.lines.map((l: { productId: string; quantity: number }) => [l.productId, l.quantity])).toEqual([
      [lamp.id, 5],
      [mug.id, 1],
    ]);
    expect(again.body.itemCount).toBe(6);
    expect((await api.get('/cart').set('x-cart-id', cartId)).body.lines).toEqual([]);
  });

  it('when the summed quantity is more than is available, then the merged line is capped at what is available', async () => {
    const { auth } = await shopper();
    await api.post('/cart/items').set('authorization', auth).send({ productId: SCARCE_PRODUCT_ID, quantity: 4 }).expect(200);
    const { cartId } = await newGuest(SCARCE_PRODUCT_ID, 4);

    const merged = await api.post('/cart/merge').set('authorization', auth).set('x-cart-id', cartId).expect(200);

    expect(merged.body.lines).toEqual([expect.objectContaining({ productId: SCARCE_PRODUCT_ID, quantity: 5 })]);
  });

  it('when a merge names a forged guest cart or none, then nothing is merged (forged) or it is a 400 naming the header (none)', async () => {
    const { auth } = await shopper();
    const { cartId } = await newGuest(lamp.id, 1);
    const forged = `${randomUUID()}.${cartId.split('.')[1]}`;

    const withForged = await api.post('/cart/merge').set('authorization', auth).set('x-cart-id', forged);
    const withNone = await api.post('/cart/merge').set('authorization', auth);
    const anonymous = await api.post('/cart/merge').set('x-cart-id', cartId);

    expect(withForged.status).toBe(200);
    expect(withForged.body.lines).toEqual([]);
    expect(withNone.status).toBe(400);
    expect(withNone.body.errors.map((e: { field: string }) => e.field)).toEqual(['headers.x-cart-id']);
    expect(anonymous.status).toBe(401);
    expect((await api.get('/cart').set('x-cart-id', cartId)).body.itemCount).toBe(1);
  });

  it('when a signed-in user sends a guest cart id on other routes, then they still work on their own cart', async () => {
    const { id, auth } = await shopper();
    const { cartId } = await newGuest(lamp.id, 1);

    const res = await api.get('/cart').set('authorization', auth).set('x-cart-id', cartId);

    expect(res.body).toMatchObject({ userId: id, lines: [] });
    expect(res.headers['x-cart-id']).toBeUndefined();
  });
});
