import { randomUUID } from 'node:crypto';
import { SCARCE_PRODUCT_ID } from '@shopmesh/contracts';
import { ApiClient, Cards, address, card } from '../api-client';
import { shopUnderTest, type ShopUnderTest, SHOP_START_TIMEOUT_MS } from '../shop-under-test';

let shop: ShopUnderTest;
let anonymous: ApiClient;

beforeAll(async () => {
  shop = await shopUnderTest();
  anonymous = new ApiClient(() => shop.api());
}, SHOP_START_TIMEOUT_MS);
afterAll(() => shop.close());

const fields = (body: any) => (body.errors ?? []).map((e: any) => e.field);
// Not the scarce product: on a shared shop (SHOPMESH_BASE_URL) the checkout suite's race may have sold it out.
const buyableProduct = async () => (await anonymous.get('/products?pageSize=10')).body.items.find((p: any) => p.id !== SCARCE_PRODUCT_ID && p.available > 0);

describe('bad input gets a 4xx problem naming the field', () => {
  it('when POST /orders lacks an Idempotency-Key, then 400 names the header', async () => {
    const { api } = await anonymous.newShopper();
    const response = await api.post('/orders', { shippingAddress: address, payment: card(Cards.approves) });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(fields(response.body)).toContain('headers.idempotency-key');
  });

  it('when the card number and country are malformed, then 400 names both fields', async () => {
    const { api } = await anonymous.newShopper();
    const response = await api.post(
      '/orders',
      { shippingAddress: { ...address, country: 'England' }, payment: { ...card('12ab'), cvc: '1' } },
      { 'idempotency-key': randomUUID() },
    );
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(expect.arrayContaining(['body.payment.cardNumber', 'body.payment.cvc', 'body.shippingAddress.country']));
  });

  it('when the card fails Luhn or has expired, then POST /orders is a 400 naming the shopper field and no order is stored', async () => {
    const { api } = await anonymous.newShopper();
    const product = await buyableProduct();
    await api.post('/cart/items', { productId: product.id, quantity: 1 });

    const luhn = await api.post('/orders', { shippingAddress: address, payment: card('4242424242424241') }, { 'idempotency-key': randomUUID() });
    const expired = await api.post(
      '/orders',
      { shippingAddress: address, payment: { ...card(Cards.approves), expYear: 2020 } },
      { 'idempotency-key': randomUUID() },
    );

    expect(luhn.status).toBe(400);
    expect(fields(luhn.body)).toEqual(['body.payment.cardNumber']);
    expect(expired.status).toBe(400);
    expect(fields(expired.body)).toEqual(['body.payment.expYear']);
    expect((await api.get('/orders')).body.total).toBe(0);
  });

  it('when the cart is empty, then placing an order is a 422 and no order is stored', async () => {
    const { api } = await anonymous.newShopper();
    const response = await api.post('/orders', { shippingAddress: address, payment: card(Cards.approves) }, { 'idempotency-key': randomUUID() });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('cart-empty');
    expect((await api.get('/orders')).body.total).toBe(0);
  });

  it('when list paging is out of range, then 400 names the query field instead of clamping', async () => {
    for (const query of ['pageSize=0', 'pageSize=101', 'page=0']) {
      const response = await anonymous.get(`/products?${query}`);
      expect(response.status).toBe(400);
      expect(fields(response.body)[0]).toMatch(/^query\.page/);
    }
  });

  it('when a cart item names an unknown product or a silly quantity, then it is refused with the field', async () => {
    const { api } = await anonymous.newShopper();
    const unknown = await api.post('/cart/items', { productId: randomUUID(), quantity: 1 });
    expect(unknown.status).toBe(422);
    expect(fields(unknown.body)).toContain('body.productId');
    const negative = await api.post('/cart/items', { productId: randomUUID(), quantity: -1 });
    expect(negative.status).toBe(400);
    expect(fields(negative.body)).toContain('body.quantity');
  });

  it('when the body is not JSON, then 400; when it is over 1 MB, then 413', async () => {
    const { api } = await anonymous.newShopper();
    const malformed = await api.call('POST', '/cart/items', '{"productId":', {});
    expect(malformed.status).toBe(400);
    const huge = await api.call('POST', '/cart/items', JSON.stringify({ pad: 'x'.repeat(1_100_000) }), {});
    expect(huge.status).toBe(413);
  });

  it('when a string field holds a NUL or an unpaired surrogate, then 400 names the field (never a 500 from the database)', async () => {
    const { api } = await anonymous.newShopper();

    const nul = await api.post('/me/addresses', { ...address, name: 'Ada\u0000' });
    const surrogate = await api.post(
      '/orders',
      { shippingAddress: { ...address, line1: '\uD800 Row' }, payment: card(Cards.approves) },
      { 'idempotency-key': randomUUID() },
    );
    const search = await anonymous.get('/products?q=lamp%00');

    expect([nul.status, surrogate.status, search.status]).toEqual([400, 400, 400]);
    expect(nul.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.name']);
    expect(surrogate.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.shippingAddress.line1']);
    expect(search.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.q']);
  });

  it('when no token is sent, then personal endpoints answer 401 (the cart answers a guest cart instead)', async () => {
    for (const path of ['/orders', '/notifications', '/me']) {
      expect((await anonymous.get(path)).status).toBe(401);
    }
  });
});

describe('nobody reads what is not theirs', () => {
  it("when another shopper asks for an order, then it is a 404, and they can neither approve it nor see the owner's cart", async () => {
    const alice = await anonymous.newShopper('alice');
    const bob = await anonymous.newShopper('bob');
    const product = await buyableProduct();
    await alice.api.post('/cart/items', { productId: product.id, quantity: 1 });
    const placed = await alice.api.post('/orders', { shippingAddress: address, payment: card(Cards.needsApproval) }, { 'idempotency-key': randomUUID() });

    expect((await bob.api.get(`/orders/${placed.body.id}`)).status).toBe(404);
    expect((await bob.api.post(`/orders/${placed.body.id}/payment/approve`)).status).toBe(404);
    expect((await bob.api.get('/orders')).body.items).toEqual([]);
    expect((await bob.api.get('/cart')).body.lines).toEqual([]);
    expect((await alice.api.get(`/orders/${placed.body.id}`)).status).toBe(200);
  });

  it('when a customer calls seller endpoints, then 403; when internal paths are tried through the gateway, then 404', async () => {
    const { api } = await anonymous.newShopper();
    expect((await api.get('/seller/products')).status).toBe(403);
    expect((await anonymous.post('/internal/reservations', {})).status).toBe(404);
  });
});
