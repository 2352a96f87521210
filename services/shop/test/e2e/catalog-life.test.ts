import { randomUUID } from 'node:crypto';
import { ApiClient, Cards, address, card, eventually, settledOrder } from '../api-client';
import { shopUnderTest, type ShopUnderTest, SHOP_START_TIMEOUT_MS } from '../shop-under-test';

let shop: ShopUnderTest;
let anonymous: ApiClient;
let seller: ApiClient;

beforeAll(async () => {
  shop = await shopUnderTest();
  anonymous = new ApiClient(() => shop.api());
  seller = (await anonymous.login('seller@example.com', 'Seller@123')).api;
}, SHOP_START_TIMEOUT_MS);
afterAll(() => shop.close());

/** A product name no other run or test shares, with a word keyword search can find it by. */
const uniqueName = (noun: string) => {
  const word = `zx${randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 8)}`;
  return { word, name: `${word} ${noun}` };
};

async function listProduct(name: string, stock: number, price = 3_450) {
  const created = await seller.post('/seller/products', {
    name,
    description: 'Made for the end-to-end suite: a seller lists it, a shopper finds it and buys it.',
    category: 'home-kitchen',
    price: { amount: price, currency: 'USD' },
    stock,
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; sellerId: string; available: number; imageUrl: string };
}

const searchIds = async (query: string) => ((await anonymous.get(`/products?${query}`)).body.items ?? []).map((p: any) => p.id);

async function checkout(api: ApiClient, lines: { productId: string; quantity: number }[]) {
  for (const line of lines) expect((await api.post('/cart/items', line)).status).toBeLessThan(300);
  const placed = await api.post('/orders', { shippingAddress: address, payment: card(Cards.approves) }, { 'idempotency-key': randomUUID() });
  expect(placed.status).toBe(202);
  return settledOrder(api, placed.body.id);
}

describe('a seller lists a product and a shopper buys and reviews it, through the gateway', () => {
  it('when a seller lists a product with stock, then a shopper finds it, buys it, and a review of it is a verified purchase the seller hears of', async () => {
    const { word, name } = uniqueName('Teak Serving Board');
    const product = await listProduct(name, 3);
    expect(product.available).toBe(3);

    // Anonymous search goes through the gateway's edge cache, which the product-changed event empties.
    const found = await eventually(async () => ((await searchIds(`q=${word}`)).includes(product.id) ? true : undefined), 'the new product in search');
    expect(found).toBe(true);
    const image = await fetch(`${shop.api()}/products/${product.id}/image`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await image.text()).toContain('Serving Board');

    const { api: shopper } = await anonymous.newShopper('reviewer');
    const order = await checkout(shopper, [{ productId: product.id, quantity: 2 }]);
    expect(order.status).toBe('CONFIRMED');
    await eventually(async () => ((await anonymous.get(`/products/${product.id}`)).body.available === 1 ? true : undefined), 'stock to be sold');

    const posted = await shopper.post(`/products/${product.id}/reviews`, {
      rating: 5,
      title: 'Beautiful grain',
      body: 'Heavy, smooth and it arrived quickly.',
    });
    expect(posted.status).toBe(201);
    const verified = await eventually(async () => {
      const page = await shopper.get(`/products/${product.id}/reviews`);
      return page.body.items?.[0]?.verifiedPurchase === true ? page.body : undefined;
    }, 'the review to show a verified purchase');
    expect(verified).toMatchObject({ total: 1, rating: { average: 5, count: 1 } });
    const again = await shopper.post(`/products/${product.id}/reviews`, { rating: 1, body: 'Trying again.' });
    expect(again.status).toBe(409);

    const notified = await eventually(async () => {
      const list = await seller.get('/notifications?pageSize=100');
      return list.body.items?.find((n: any) => n.kind === 'review-posted' && n.data.productId === product.id);
    }, 'the seller to be told of the review');
    expect(notified.title).toContain(name);
    const rated = await eventually(
      async () => ((await searchIds(`q=${word}&minRating=5`)).includes(product.id) ? true : undefined),
      'the rating filter to find the product',
    );
    expect(rated).toBe(true);
  });

  it('when two products are bought in one order, then each lists the other as bought together', async () => {
    const [a, b] = [await listProduct(uniqueName('Linen Napkin Set').name, 5), await listProduct(uniqueName('Olive Wood Spoon').name, 5)];
    const { api: shopper } = await anonymous.newShopper('pair');

    expect(
      (
        await checkout(shopper, [
          { productId: a.id, quantity: 1 },
          { productId: b.id, quantity: 1 },
        ])
      ).status,
    ).toBe('CONFIRMED');

    const together = await eventually(async () => {
      const list = await anonymous.get(`/products/${a.id}/bought-together`);
      return list.body.items?.length ? list.body.items : undefined;
    }, 'bought-together to learn of the order');
    expect(together.map((p: any) => p.id)).toEqual([b.id]);
  });

  it('when a seller changes and then deletes a product, then search follows, another seller gets a 404, and the deleted product cannot be bought', async () => {
    const { word, name } = uniqueName('Copper Kettle');
    const product = await listProduct(name, 4);
    const other = (await anonymous.login('seller2@example.com', 'Seller@123')).api;

    const changed = await seller.call('PATCH', `/seller/products/${product.id}`, { price: { amount: 2_000, currency: 'USD' } });
    expect(changed.status).toBe(200);
    expect(changed.body.price.amount).toBe(2_000);
    const negative = await seller.call('PATCH', `/seller/products/${product.id}`, { price: { amount: -1, currency: 'USD' } });
    expect(negative.status).toBe(400);
    expect(negative.body.errors[0].field).toBe('body.price.amount');
    expect((await other.call('PATCH', `/seller/products/${product.id}`, { name: 'Mine now' })).status).toBe(404);
    await eventually(async () => ((await searchIds(`q=${word}`)).includes(product.id) ? true : undefined), 'the product in search');

    expect((await seller.call('DELETE', `/seller/products/${product.id}`)).status).toBe(204);

    await eventually(async () => (!(await searchIds(`q=${word}`)).includes(product.id) ? true : undefined), 'the deleted product to leave search');
    expect((await anonymous.get(`/products/${product.id}`)).body).toMatchObject({ discontinued: true, available: 0 });
    const { api: shopper } = await anonymous.newShopper('late');
    expect((await shopper.post('/cart/items', { productId: product.id, quantity: 1 })).status).toBeGreaterThanOrEqual(400);
  });
});
