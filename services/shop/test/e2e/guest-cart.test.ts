import { SCARCE_PRODUCT_ID } from '@shopmesh/contracts';
import { ApiClient } from '../api-client';
import { shopUnderTest, type ShopUnderTest, SHOP_START_TIMEOUT_MS } from '../shop-under-test';

let shop: ShopUnderTest;
let anonymous: ApiClient;

beforeAll(async () => {
  shop = await shopUnderTest();
  anonymous = new ApiClient(() => shop.api());
}, SHOP_START_TIMEOUT_MS);
afterAll(() => shop.close());

const plentiful = async () => {
  const list = await anonymous.get('/products?pageSize=20&sort=price_asc');
  return list.body.items.filter((p: any) => p.id !== SCARCE_PRODUCT_ID && p.available >= 20).slice(0, 2) as { id: string }[];
};

describe('guest carts through the gateway', () => {
  it('when a visitor fills a cart and then signs in, then the guest cart is merged into theirs with quantities summed', async () => {
    const [lamp, mug] = await plentiful();
    const { api } = await anonymous.newShopper('merging');
    await api.post('/cart/items', { productId: lamp!.id, quantity: 1 });

    const first = await anonymous.post('/cart/items', { productId: lamp!.id, quantity: 2 });
    const cartId = first.headers.get('x-cart-id')!;
    const second = await anonymous.post('/cart/items', { productId: mug!.id, quantity: 1 }, { 'x-cart-id': cartId });
    const guestView = await anonymous.call('GET', '/cart', undefined, { 'x-cart-id': cartId });
    const merged = await api.post('/cart/merge', {}, { 'x-cart-id': cartId });

    expect(first.status).toBe(200);
    expect(cartId).toMatch(/\./);
    expect(second.headers.get('x-cart-id')).toBe(cartId);
    expect(guestView.body.itemCount).toBe(3);
    expect(merged.status).toBe(200);
    expect(merged.body.lines.map((l: any) => [l.productId, l.quantity])).toEqual([
      [lamp!.id, 3],
      [mug!.id, 1],
    ]);
    expect((await api.get('/cart')).body.itemCount).toBe(4);
    expect((await anonymous.call('GET', '/cart', undefined, { 'x-cart-id': cartId })).body.lines).toEqual([]);
  });

  it('when a visitor edits their cart id, then they get a new empty cart and not the one it was', async () => {
    const [lamp] = await plentiful();
    const first = await anonymous.post('/cart/items', { productId: lamp!.id, quantity: 1 });
    const cartId = first.headers.get('x-cart-id')!;
    const [uuid, signature] = cartId.split('.');
    const edited = `${uuid!.slice(0, -1)}${uuid!.endsWith('0') ? '1' : '0'}.${signature}`;

    const forged = await anonymous.call('GET', '/cart', undefined, { 'x-cart-id': edited });

    expect(forged.status).toBe(200);
    expect(forged.body.lines).toEqual([]);
    expect(forged.headers.get('x-cart-id')).not.toBe(edited);
    expect((await anonymous.call('GET', '/cart', undefined, { 'x-cart-id': cartId })).body.itemCount).toBe(1);
  });
});
