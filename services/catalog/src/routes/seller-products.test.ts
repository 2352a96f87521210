import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ProductSummary } from '@shopmesh/contracts';
import type { Principal } from '@shopmesh/platform';
import { startTestShop, type TestShop } from '@shopmesh/platform/testing';
import { inventoryService } from '@shopmesh/inventory';
import { generateCatalogSeed } from '../seed/generate';
import { SEED_SELLERS } from '../seed/sellers';
import { catalogService } from '../service';

const seed = generateCatalogSeed(SEED_SELLERS);
const [first, second] = SEED_SELLERS as [(typeof SEED_SELLERS)[number], (typeof SEED_SELLERS)[number]];
const productsOf = (sellerId: string) => seed.products.filter((p) => p.sellerId === sellerId);

describe('seller product endpoints', () => {
  let shop: TestShop;
  let api: ReturnType<typeof request>;
  let sellerToken: string;
  let otherSellerToken: string;
  let customerToken: string;

  const token = (principal: Principal) => shop.signToken(principal);

  beforeAll(async () => {
    shop = await startTestShop([catalogService, inventoryService], { seed: true });
    api = request.agent(shop.url('catalog')).set(shop.internalHeaders);
    sellerToken = await token({ id: first.id, email: 'seller@example.com', role: 'seller' });
    otherSellerToken = await token({ id: second.id, email: 'seller2@example.com', role: 'seller' });
    customerToken = await token({ id: randomUUID(), email: 'customer@example.com', role: 'customer' });
  });

  afterAll(() => shop?.close());

  it('when a seller lists their products, then only their own come back, paginated', async () => {
    const own = productsOf(first.id);

    const res = await api.get('/seller/products?pageSize=100').set('authorization', `Bearer ${sellerToken}`);

    expect(res.status).toBe(200);
    expect(res.body.total).toBe(own.length);
    expect(res.body.items.every((p: ProductSummary) => p.sellerId === first.id)).toBe(true);
    const page2 = await api.get('/seller/products?page=2&pageSize=10').set('authorization', `Bearer ${sellerToken}`);
    expect(page2.body.items).toHaveLength(10);
    expect(page2.body.items[0].id).toBe(res.body.items[10].id);
  });

  it('when nobody is signed in, then it is a 401; a customer gets a 403', async () => {
    await api.get('/seller/products').expect(401);
    await api.get('/seller/products').set('authorization', `Bearer ${customerToken}`).expect(403);
  });

  it('when the page size is out of range, then it is a 400 naming query.pageSize', async () => {
    const res = await api.get('/seller/products?pageSize=101').set('authorization', `Bearer ${sellerToken}`);

    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('query.pageSize');
  });

  it('when a seller sets the stock of their own product, then inventory and the product page show it and a change event is queued', async () => {
    const product = productsOf(first.id)[0]!;

    const res = await api.put(`/seller/products/${product.id}/stock`).set('authorization', `Bearer ${sellerToken}`).send({ quantity: 77 });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ productId: product.id, sellerId: first.id, onHand: 77, available: 77 });
    expect((await api.get(`/products/${product.id}`)).body.available).toBe(77);
    const events = await shop.sql<{ topic: string; payload: unknown }>('catalog', `select topic, payload from outbox where payload->>'productId' = ?`, [
      product.id,
    ]);
    expect(events).toEqual([{ topic: 'catalog.product-changed', payload: { productId: product.id, sellerId: first.id, change: 'updated' } }]);
  });

  it("when a seller sets the stock of another seller's product, then it is a 404 and the stock is unchanged", async () => {
    const product = productsOf(first.id)[1]!;

    const res = await api.put(`/seller/products/${product.id}/stock`).set('authorization', `Bearer ${otherSellerToken}`).send({ quantity: 1 });

    expect(res.status).toBe(404);
    expect((await api.get(`/products/${product.id}`)).body.available).toBe(product.stock);
  });

  it('when a customer sets stock, then it is a 403', async () => {
    const product = productsOf(first.id)[1]!;

    await api.put(`/seller/products/${product.id}/stock`).set('authorization', `Bearer ${customerToken}`).send({ quantity: 1 }).expect(403);
  });

  it('when the product is unknown, then it is a 404; a bad quantity is a 400 naming body.quantity', async () => {
    await api.put(`/seller/products/${randomUUID()}/stock`).set('authorization', `Bearer ${sellerToken}`).send({ quantity: 1 }).expect(404);
    const product = productsOf(first.id)[2]!;
    const bad = await api.put(`/seller/products/${product.id}/stock`).set('authorization', `Bearer ${sellerToken}`).send({ quantity: -3 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.quantity');
  });

  it('when stock is set below what buyers have reserved, then inventory refuses with a 409', async () => {
    const product = productsOf(first.id)[3]!;
    const inventory = request.agent(shop.url('inventory')).set(shop.internalHeaders);
    await inventory
      .post('/internal/reservations')
      .send({ orderId: randomUUID(), items: [{ productId: product.id, quantity: 4 }] })
      .expect(201);

    const res = await api.put(`/seller/products/${product.id}/stock`).set('authorization', `Bearer ${sellerToken}`).send({ quantity: 3 });

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('stock-below-reserved');
  });
});
