import { randomUUID } from 'node:crypto';
import { SCARCE_PRODUCT_ID } from '@shopmesh/contracts';
import { ApiClient, Cards, address, card, settledOrder } from '../api-client';
import { shopUnderTest, type ShopUnderTest, SHOP_START_TIMEOUT_MS } from '../shop-under-test';

let shop: ShopUnderTest;
let anonymous: ApiClient;
let admin: ApiClient;

beforeAll(async () => {
  shop = await shopUnderTest();
  anonymous = new ApiClient(() => shop.api());
  admin = (await anonymous.login('admin@example.com', 'Admin@123')).api;
}, SHOP_START_TIMEOUT_MS);
afterAll(() => shop.close());

const newCode = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`.toUpperCase();

async function plentifulProduct(): Promise<{ id: string; price: { amount: number; currency: string } }> {
  const list = await anonymous.get('/products?pageSize=50&sort=price_asc');
  return list.body.items.filter((p: any) => p.id !== SCARCE_PRODUCT_ID && p.available >= 40).at(-1);
}

/** A shopper with one unit of the product in the cart and the code applied. */
async function shopperWithCode(productId: string, code: string): Promise<ApiClient> {
  const { api } = await anonymous.newShopper('promo');
  expect((await api.post('/cart/items', { productId, quantity: 1 })).status).toBe(200);
  const applied = await api.post('/cart/promo', { code });
  expect(applied.status).toBe(200);
  return api;
}

const place = (api: ApiClient) => api.post('/orders', { shippingAddress: address, payment: card(Cards.approves) }, { 'idempotency-key': randomUUID() });

describe('promo codes at checkout', () => {
  it('when a shopper applies a code, then the cart shows the discount and the confirmed order costs that much less', async () => {
    const product = await plentifulProduct();
    const code = newCode('save15');
    expect((await admin.post('/admin/promo-codes', { code, kind: 'percent', value: 15 })).status).toBe(201);
    const api = await shopperWithCode(product.id, code);

    const cart = await api.get('/cart');
    const placed = await place(api);
    const order = await settledOrder(api, placed.body.id);

    const discount = Math.floor((product.price.amount * 15) / 100);
    expect(cart.body.promo).toEqual({
      code,
      discount: { amount: discount, currency: product.price.currency },
      total: { amount: product.price.amount - discount, currency: product.price.currency },
    });
    expect(placed.status).toBe(202);
    expect(order.status).toBe('CONFIRMED');
    expect(order.total.amount).toBe(product.price.amount - discount);
    expect(order.discount).toEqual({ code, amount: { amount: discount, currency: product.price.currency } });
  });

  it('when 20 shoppers check out at once with a code limited to 4, then exactly 4 orders are placed and 16 are refused with a 409 naming the code', async () => {
    const product = await plentifulProduct();
    const code = newCode('only4');
    expect((await admin.post('/admin/promo-codes', { code, kind: 'fixed', value: 100, currency: product.price.currency, usageLimit: 4 })).status).toBe(201);
    const shoppers: ApiClient[] = [];
    for (let i = 0; i < 20; i++) shoppers.push(await shopperWithCode(product.id, code));

    const results = await Promise.all(shoppers.map(place));

    const placed = results.filter((r) => r.status === 202);
    const refused = results.filter((r) => r.status === 409);
    expect(placed).toHaveLength(4);
    expect(refused).toHaveLength(16);
    for (const r of refused) {
      expect(r.body.code).toBe('promo-exhausted');
      expect(r.body.detail).toContain(code);
    }
    const refusedShopper = shoppers[results.findIndex((r) => r.status === 409)]!;
    expect((await refusedShopper.get('/orders')).body.total).toBe(0);
    const listed = (await admin.get('/admin/promo-codes')).body.items.find((p: any) => p.code === code);
    expect(listed.usedCount).toBe(4);
  });

  it('when the code is unknown, then applying it is a 422 naming body.code and the code', async () => {
    const product = await plentifulProduct();
    const { api } = await anonymous.newShopper();
    await api.post('/cart/items', { productId: product.id, quantity: 1 });

    const res = await api.post('/cart/promo', { code: 'NO-SUCH-CODE' });

    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => e.field)).toEqual(['body.code']);
    expect(res.body.detail).toContain('NO-SUCH-CODE');
  });
});
