import { randomUUID } from 'node:crypto';
import { Topics } from '@shopmesh/contracts';
import { deliverEvent } from '@shopmesh/platform/testing';
import { cartApp, LAMP as lamp, MUG as otherSellers } from '../../test/cart-app';

describe('promo codes', () => {
  const { api, user, subscriptions } = cartApp();
  const admin = user('admin').auth;
  let seq = 0;

  const bearer = async (role: 'customer' | 'seller' | 'admin', id: string = randomUUID()) => user(role, id);
  const uniqueCode = (prefix: string) => `${prefix}${++seq}${randomUUID().slice(0, 6)}`.toUpperCase();
  const createAsAdmin = (body: Record<string, unknown>) => api.post('/admin/promo-codes').set('authorization', admin).send(body);
  /** A shopper with `quantity` lamps in the cart. */
  const shopperWithLamps = async (quantity = 2) => {
    const shopper = await bearer('customer');
    await api.post('/cart/items').set('authorization', shopper.auth).send({ productId: lamp.id, quantity }).expect(200);
    return shopper;
  };

  it('when a seller defines a code, then only that seller lists it, and the same code twice is a 409', async () => {
    const seller = await bearer('seller', lamp.sellerId);
    const code = uniqueCode('lamp');

    const created = await api.post('/seller/promo-codes').set('authorization', seller.auth).send({ code, kind: 'percent', value: 20, usageLimit: 10 });
    const twice = await api.post('/seller/promo-codes').set('authorization', seller.auth).send({ code, kind: 'fixed', value: 100, currency: 'USD' });
    const mine = await api.get('/seller/promo-codes').set('authorization', seller.auth);
    const theirs = await api.get('/seller/promo-codes').set('authorization', (await bearer('seller')).auth);

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code, kind: 'percent', value: 20, usageLimit: 10, usedCount: 0, sellerId: lamp.sellerId });
    expect(twice.status).toBe(409);
    expect(mine.body.items.map((p: { code: string }) => p.code)).toContain(code);
    expect(theirs.body.items).toEqual([]);
  });

  it('when a definition is invalid or the caller may not define codes, then 400 names the fields and a customer gets 403', async () => {
    const invalid = await createAsAdmin({ code: 'x', kind: 'percent', value: 150 });
    const noCurrency = await createAsAdmin({ code: uniqueCode('fix'), kind: 'fixed', value: 500 });
    const customer = await api
      .post('/seller/promo-codes')
      .set('authorization', (await bearer('customer')).auth)
      .send({ code: 'ABCD', kind: 'percent', value: 5 });

    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.code', 'body.value']);
    expect(noCurrency.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.currency']);
    expect(customer.status).toBe(403);
  });

  it('when a shopper applies a code, then the cart shows its discount and total; removing it takes them away', async () => {
    const code = uniqueCode('ten');
    await createAsAdmin({ code, kind: 'percent', value: 10 }).expect(201);
    const shopper = await shopperWithLamps(2);

    const applied = await api.post('/cart/promo').set('authorization', shopper.auth).send({ code: code.toLowerCase() });
    const added = await api.post('/cart/items').set('authorization', shopper.auth).send({ productId: lamp.id, quantity: 1 });
    const removed = await api.delete('/cart/promo').set('authorization', shopper.auth);

    const subtotal = lamp.price.amount * 2;
    expect(applied.status).toBe(200);
    expect(applied.body.promo).toEqual({
      code,
      discount: { amount: Math.floor(subtotal / 10), currency: lamp.price.currency },
      total: { amount: subtotal - Math.floor(subtotal / 10), currency: lamp.price.currency },
    });
    expect(added.body.promo.discount.amount).toBe(Math.floor((lamp.price.amount * 3) / 10));
    expect(removed.status).toBe(200);
    expect(removed.body.promo).toBeUndefined();
    expect(removed.body.itemCount).toBe(3);
  });

  it("when a seller's code meets a cart without that seller's products, then it is a 422 naming body.code", async () => {
    const seller = await bearer('seller', lamp.sellerId);
    const code = uniqueCode('own');
    await api.post('/seller/promo-codes').set('authorization', seller.auth).send({ code, kind: 'percent', value: 50 }).expect(201);
    const shopper = await bearer('customer');
    await api.post('/cart/items').set('authorization', shopper.auth).send({ productId: otherSellers.id, quantity: 1 }).expect(200);

    const res = await api.post('/cart/promo').set('authorization', shopper.auth).send({ code });

    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'promo-not-applicable', errors: [{ field: 'body.code' }] });
    expect(res.body.detail).toContain(code);
  });

  it('when the code is unknown or expired, then it is a 422 naming body.code and the code, and the cart is unchanged', async () => {
    const expired = uniqueCode('old');
    await createAsAdmin({ code: expired, kind: 'percent', value: 10, expiresAt: '2020-01-01T00:00:00Z' }).expect(201);
    const shopper = await shopperWithLamps(1);

    const unknown = await api.post('/cart/promo').set('authorization', shopper.auth).send({ code: 'NOSUCHCODE' });
    const late = await api.post('/cart/promo').set('authorization', shopper.auth).send({ code: expired });

    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'promo-unknown', errors: [{ field: 'body.code' }] });
    expect(unknown.body.detail).toContain('NOSUCHCODE');
    expect(late.body).toMatchObject({ status: 422, code: 'promo-expired' });
    expect(late.body.detail).toContain(expired);
    expect((await api.get('/cart').set('authorization', shopper.auth)).body.promo).toBeUndefined();
  });

  it('when 20 checkouts redeem a code limited to 5 at once, then exactly 5 succeed and the rest are 409s naming the code', async () => {
    const code = uniqueCode('five');
    await createAsAdmin({ code, kind: 'fixed', value: 500, currency: lamp.price.currency, usageLimit: 5 }).expect(201);
    const shoppers = await Promise.all(Array.from({ length: 20 }, () => shopperWithLamps(1)));
    for (const s of shoppers) await api.post('/cart/promo').set('authorization', s.auth).send({ code }).expect(200);
    const lines = [{ sellerId: lamp.sellerId, lineTotal: lamp.price }];

    const results = await Promise.all(shoppers.map((s) => api.post('/internal/promos/redeem').send({ orderId: randomUUID(), userId: s.id, lines })));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.code).toBe('promo-exhausted');
      expect(r.body.detail).toContain(code);
    }
    const listed = (await api.get('/admin/promo-codes').set('authorization', admin)).body.items.find((p: { code: string }) => p.code === code);
    expect(listed.usedCount).toBe(5);
  });

  it('when an order redeems twice and is then released, then one use is counted and then given back', async () => {
    const code = uniqueCode('once');
    await createAsAdmin({ code, kind: 'percent', value: 10, usageLimit: 1 }).expect(201);
    const shopper = await shopperWithLamps(1);
    await api.post('/cart/promo').set('authorization', shopper.auth).send({ code }).expect(200);
    const body = { orderId: randomUUID(), userId: shopper.id, lines: [{ sellerId: lamp.sellerId, lineTotal: lamp.price }] };

    const first = await api.post('/internal/promos/redeem').send(body);
    const repeat = await api.post('/internal/promos/redeem').send(body);
    const other = await api.post('/internal/promos/redeem').send({ ...body, orderId: randomUUID() });
    await api.post('/internal/promos/release').send({ orderId: body.orderId }).expect(204);
    const afterRelease = await api.post('/internal/promos/redeem').send({ ...body, orderId: randomUUID() });

    expect(first.body).toEqual({ code, discount: { amount: Math.floor(lamp.price.amount / 10), currency: lamp.price.currency } });
    expect(repeat.body).toEqual(first.body);
    expect(other.status).toBe(409);
    expect(afterRelease.status).toBe(200);
  });

  it('when an order that redeemed a code is cancelled, then its use is given back', async () => {
    const code = uniqueCode('back');
    await createAsAdmin({ code, kind: 'percent', value: 10, usageLimit: 1 }).expect(201);
    const shopper = await shopperWithLamps(1);
    await api.post('/cart/promo').set('authorization', shopper.auth).send({ code }).expect(200);
    const orderId = randomUUID();
    await api
      .post('/internal/promos/redeem')
      .send({ orderId, userId: shopper.id, lines: [{ sellerId: lamp.sellerId, lineTotal: lamp.price }] })
      .expect(200);

    await deliverEvent(subscriptions, Topics.orderCancelled, { orderId, userId: shopper.id, reason: 'payment-declined' });

    const listed = (await api.get('/admin/promo-codes').set('authorization', admin)).body.items.find((p: { code: string }) => p.code === code);
    expect(listed.usedCount).toBe(0);
  });

  it('when the cart has no code, then a redemption takes nothing', async () => {
    const shopper = await shopperWithLamps(1);

    const res = await api
      .post('/internal/promos/redeem')
      .send({ orderId: randomUUID(), userId: shopper.id, lines: [{ sellerId: lamp.sellerId, lineTotal: lamp.price }] });

    expect(res.body).toEqual({ code: null, discount: null });
  });
});
