import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { APP_TOKEN_HEADER } from '@shopmesh/platform';
import { startTestShop, type TestShop } from '@shopmesh/platform/testing';
import { cartService } from '@shopmesh/cart';
import { catalogService } from '@shopmesh/catalog';
import { identityService } from '@shopmesh/identity';
import { inventoryService } from '@shopmesh/inventory';
import { paymentsService } from '@shopmesh/payments';

const card = { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' };

/**
 * Every internal route of inventory, payments, cart and identity, called on the service's own port the
 * way a stray pod could: without the app token each is a 401, and a look with the token afterwards
 * shows that nothing changed.
 */
describe('internal routes without the app token', () => {
  let shop: TestShop;
  const as = (appId: 'inventory' | 'payments' | 'cart' | 'identity' | 'catalog') => request.agent(shop.url(appId)).set(shop.internalHeaders);
  const stranger = (appId: 'inventory' | 'payments' | 'cart' | 'identity') => request(shop.url(appId));

  const productId = randomUUID();
  const sellerId = randomUUID();
  const orderId = randomUUID();
  const paidOrderId = randomUUID();
  let userId: string;
  let addressId: string;
  let cartBefore: unknown;

  beforeAll(async () => {
    shop = await startTestShop([identityService, catalogService, inventoryService, cartService, paymentsService], { seed: true });
    await as('inventory').put(`/internal/stock/${productId}`).send({ sellerId, onHand: 10 }).expect(200);
    await as('inventory')
      .post('/internal/reservations')
      .send({ orderId, items: [{ productId, quantity: 2 }] })
      .expect(201);
    const method = await as('payments').post('/internal/payment-methods').send({ card }).expect(201);
    await as('payments')
      .post('/internal/payments/authorize')
      .send({ orderId: paidOrderId, amount: { amount: 500, currency: 'USD' }, paymentMethod: method.body.token })
      .expect(201);
    const session = await as('identity')
      .post('/auth/register')
      .send({ email: `token-${randomUUID()}@example.com`, password: 'Sup3r-secret', name: 'Token' })
      .expect(201);
    userId = session.body.user.id;
    const auth = `Bearer ${session.body.accessToken}`;
    addressId = (
      await as('identity')
        .post('/me/addresses')
        .set('authorization', auth)
        .send({ name: 'A', line1: 'B 1', city: 'C', postalCode: '1', country: 'DE' })
        .expect(201)
    ).body.id;
    const products = await as('catalog').get('/products?pageSize=1').expect(200);
    await as('cart').post('/cart/items').set('authorization', auth).send({ productId: products.body.items[0].id, quantity: 1 }).expect(200);
    cartBefore = (await as('cart').get(`/internal/carts/${userId}`).expect(200)).body;
  }, 120_000);
  afterAll(() => shop?.close());

  const calls = (): [string, 'inventory' | 'payments' | 'cart' | 'identity', 'get' | 'post' | 'put', string, object?][] => [
    ['set stock', 'inventory', 'put', `/internal/stock/${productId}`, { sellerId, onHand: 0 }],
    ['look up stock', 'inventory', 'post', '/internal/stock/lookup', { productIds: [productId] }],
    ['reserve', 'inventory', 'post', '/internal/reservations', { orderId: randomUUID(), items: [{ productId, quantity: 8 }] }],
    ['read a reservation', 'inventory', 'get', `/internal/reservations/${orderId}`],
    ['release', 'inventory', 'post', `/internal/reservations/${orderId}/release`],
    ['commit', 'inventory', 'post', `/internal/reservations/${orderId}/commit`],
    ['register a card', 'payments', 'post', '/internal/payment-methods', { card }],
    [
      'authorize',
      'payments',
      'post',
      '/internal/payments/authorize',
      { orderId: randomUUID(), amount: { amount: 1, currency: 'USD' }, paymentMethod: randomUUID() },
    ],
    ['read a payment', 'payments', 'get', `/internal/payments/${paidOrderId}`],
    ['approve', 'payments', 'post', `/internal/payments/${paidOrderId}/approve`],
    ['void', 'payments', 'post', `/internal/payments/${paidOrderId}/void`],
    ['refund', 'payments', 'post', `/internal/payments/${paidOrderId}/refund`],
    ['read a cart', 'cart', 'get', `/internal/carts/${userId}`],
    ['clear a cart', 'cart', 'post', `/internal/carts/${userId}/clear`],
    ['claim a cart', 'cart', 'post', `/internal/carts/${userId}/claims`, { orderId: paidOrderId, idempotencyKey: 'key-00000001' }],
    ['complete a claim', 'cart', 'post', `/internal/carts/${userId}/claims/${paidOrderId}/complete`],
    ['release a claim', 'cart', 'post', `/internal/carts/${userId}/claims/${paidOrderId}/release`],
    ['read a user', 'identity', 'get', `/internal/users/${userId}`],
    ['read an address', 'identity', 'get', `/internal/users/${userId}/addresses/${addressId}`],
  ];

  it('when a caller without the token calls each internal route, then every one answers 401 problem+json', async () => {
    for (const [what, appId, method, path, body] of calls()) {
      const res = await stranger(appId)[method](path).send(body);
      expect({ what, status: res.status, type: res.type }).toEqual({ what, status: 401, type: 'application/problem+json' });
    }
  });

  it('when the token is wrong, then it is a 401 too', async () => {
    await stranger('inventory')
      .post('/internal/stock/lookup')
      .set(APP_TOKEN_HEADER, 'not-the-token')
      .send({ productIds: [productId] })
      .expect(401);
  });

  it('when those calls were refused, then stock, reservation, payment, cart and user are as before', async () => {
    for (const [, appId, method, path, body] of calls()) await stranger(appId)[method](path).send(body);

    const stock = await as('inventory')
      .post('/internal/stock/lookup')
      .send({ productIds: [productId] })
      .expect(200);
    expect(stock.body).toEqual([{ productId, available: 8 }]);
    expect((await as('inventory').get(`/internal/reservations/${orderId}`).expect(200)).body.status).toBe('reserved');
    expect((await as('payments').get(`/internal/payments/${paidOrderId}`).expect(200)).body.status).toBe('authorized');
    expect((await as('cart').get(`/internal/carts/${userId}`).expect(200)).body).toEqual(cartBefore);
  });

  it('when the caller has the token, then the internal route answers', async () => {
    await as('identity').get(`/internal/users/${userId}`).expect(200);
  });
});
