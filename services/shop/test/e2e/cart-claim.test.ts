import { randomUUID } from 'node:crypto';
import { SCARCE_PRODUCT_ID } from '@shopmesh/contracts';
import { ApiClient, Cards, address, card, eventually, settledOrder } from '../api-client';
import { shopUnderTest, type ShopUnderTest, SHOP_START_TIMEOUT_MS } from '../shop-under-test';

let shop: ShopUnderTest;
let anonymous: ApiClient;

beforeAll(async () => {
  shop = await shopUnderTest();
  anonymous = new ApiClient(() => shop.api());
}, SHOP_START_TIMEOUT_MS);
afterAll(() => shop.close());

/** Two different products with plenty of stock. */
async function twoProducts(): Promise<[string, string]> {
  const list = await anonymous.get('/products?pageSize=100&sort=price_desc');
  const ids = list.body.items.filter((p: any) => p.id !== SCARCE_PRODUCT_ID && p.available >= 20).map((p: any) => p.id as string);
  return [ids[0], ids[1]];
}

const order = (api: ApiClient, key = randomUUID()) =>
  api.post('/orders', { shippingAddress: address, payment: card(Cards.approves) }, { 'idempotency-key': key });

describe('checkout claims the cart', () => {
  it('when 10 orders with different keys are placed at once from one cart, then exactly one order exists and the others are 409 cart-already-ordered', async () => {
    const { api } = await anonymous.newShopper('claim');
    const [product] = await twoProducts();
    expect((await api.post('/cart/items', { productId: product, quantity: 1 })).status).toBe(200);

    const placed = await Promise.all(Array.from({ length: 10 }, () => order(api)));

    // A refusal that loses the race to the whole saga (the cart emptied by then) is still a 409.
    expect(placed.map((p) => `${p.status} ${p.body.code ?? p.body.status}`).sort()).toEqual(['202 PENDING', ...Array(9).fill('409 cart-already-ordered')]);
    for (const refused of placed.filter((p) => p.status === 409)) {
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect((await api.get('/orders')).body.total).toBe(1);
    const winner = placed.find((p) => p.status === 202)!;
    expect((await settledOrder(api, winner.body.id)).status).toBe('CONFIRMED');
  });

  it('when an order is placed twice one after the other with different keys, then the second is a 409 and a replay of the first key answers the first order', async () => {
    const { api } = await anonymous.newShopper('claim');
    const [product] = await twoProducts();
    await api.post('/cart/items', { productId: product, quantity: 2 });
    const key = randomUUID();

    const first = await order(api, key);
    const second = await order(api);
    const replay = await order(api, key);

    expect(first.status).toBe(202);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('cart-already-ordered');
    expect(replay.status).toBe(202);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('when lines are added after the order was placed, then the saga takes out exactly the ordered lines and keeps the additions', async () => {
    const { api } = await anonymous.newShopper('claim');
    const [lamp, mug] = await twoProducts();
    await api.post('/cart/items', { productId: lamp, quantity: 2 });

    const placed = await order(api);
    await api.post('/cart/items', { productId: lamp, quantity: 1 });
    await api.post('/cart/items', { productId: mug, quantity: 3 });
    expect((await settledOrder(api, placed.body.id)).status).toBe('CONFIRMED');

    const cart = await eventually(async () => {
      const current = await api.get('/cart');
      return current.body.itemCount === 4 ? current.body : undefined;
    }, 'the ordered lines to leave the cart');
    expect(cart.lines.map((l: any) => [l.productId, l.quantity])).toEqual([
      [lamp, 1],
      [mug, 3],
    ]);
    const next = await order(api);
    expect(next.status).toBe(202);
  });

  it('when the card is declined, then the lines are the shopper\u2019s to order again with another card', async () => {
    const { api } = await anonymous.newShopper('claim');
    const [product] = await twoProducts();
    await api.post('/cart/items', { productId: product, quantity: 1 });

    const declined = await api.post('/orders', { shippingAddress: address, payment: card(Cards.declines) }, { 'idempotency-key': randomUUID() });
    expect((await settledOrder(api, declined.body.id)).status).toBe('CANCELLED');
    const retried = await order(api);

    expect(retried.status).toBe(202);
    expect((await settledOrder(api, retried.body.id)).status).toBe('CONFIRMED');
  });
});
