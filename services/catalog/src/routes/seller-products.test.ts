import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ProductSummary } from '@shopmesh/contracts';
import type { Principal } from '@shopmesh/platform';
import { generateCatalogSeed } from '../seed/generate';
import { SEED_SELLERS } from '../seed/sellers';
import { catalogApp, type CatalogApp } from '../../test/catalog-app';

const seed = generateCatalogSeed(SEED_SELLERS);
const [first, second] = SEED_SELLERS as [(typeof SEED_SELLERS)[number], (typeof SEED_SELLERS)[number]];
const productsOf = (sellerId: string) => seed.products.filter((p) => p.sellerId === sellerId);

describe('seller product endpoints', () => {
  let shop: CatalogApp;
  let api: ReturnType<typeof request>;
  let sellerToken: string;
  let otherSellerToken: string;
  let customerToken: string;

  const token = (principal: Principal) => shop.tokenFor(principal);

  beforeAll(async () => {
    shop = await catalogApp({ seed: true });
    api = shop.api;
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
    const events = await shop.sql<{ topic: string; payload: unknown }>(`select topic, payload from outbox where payload->>'productId' = ?`, [product.id]);
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
    shop.reserve(product.id, 4);

    const res = await api.put(`/seller/products/${product.id}/stock`).set('authorization', `Bearer ${sellerToken}`).send({ quantity: 3 });

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('stock-below-reserved');
  });
  describe('writes', () => {
    const maker = { id: randomUUID(), email: 'maker@example.com', role: 'seller' as const };
    const rival = { id: randomUUID(), email: 'rival@example.com', role: 'seller' as const };
    let makerAuth: string;
    let rivalAuth: string;
    const draft = {
      name: 'Walnut Desk Lamp',
      description: 'A warm reading lamp turned from walnut.',
      category: 'home-kitchen',
      price: { amount: 5_900, currency: 'USD' },
      stock: 9,
    };
    const eventsOf = (productId: string) =>
      shop.sql<{ topic: string; payload: { change: string } }>(`select topic, payload from outbox where payload->>'productId' = ? order by created_at`, [
        productId,
      ]);
    const create = (body: object, auth = makerAuth) => api.post('/seller/products').set('authorization', auth).send(body);

    beforeAll(async () => {
      makerAuth = `Bearer ${await token(maker)}`;
      rivalAuth = `Bearer ${await token(rival)}`;
    });

    it('when a seller lists a product with stock, then it is readable, stocked, drawn, searchable and a created event is queued', async () => {
      const res = await create(draft);

      expect(res.status).toBe(201);
      const id = res.body.id as string;
      expect(res.headers.location).toBe(`/products/${id}`);
      expect(res.body).toMatchObject({ sellerId: maker.id, name: draft.name, available: 9, imageUrl: `/api/v1/products/${id}/image`, discontinued: false });
      expect((await api.get(`/products/${id}`)).body).toMatchObject({ name: draft.name, available: 9, rating: { average: null, count: 0 } });
      const found = await api.get('/products?q=walnut%20desk%20lamp');
      expect(found.body.items.map((p: ProductSummary) => p.id)).toContain(id);
      expect((await api.get(`/sellers/${maker.id}`)).body).toMatchObject({ displayName: 'maker', productCount: 1, products: { items: [{ id }] } });
      expect(await eventsOf(id)).toEqual([{ topic: 'catalog.product-changed', payload: { productId: id, sellerId: maker.id, change: 'created' } }]);
      const image = await api.get(`/products/${id}/image`);
      expect(image.status).toBe(200);
      expect(image.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(image.headers['cache-control']).toBe('public, max-age=3600');
      expect(image.headers.etag).toBeDefined();
      expect(String(image.body)).toContain('Walnut Desk Lamp');
    });

    it('when a product has its own image URL, then the image endpoint redirects to it', async () => {
      const res = await create({ ...draft, name: 'Photographed Lamp', imageUrl: 'https://images.example.com/lamp.jpg' });

      const image = await api.get(`/products/${res.body.id}/image`);

      expect(image.status).toBe(302);
      expect(image.headers.location).toBe('https://images.example.com/lamp.jpg');
    });

    it('when a seller changes their product, then the page shows it and an updated event is queued', async () => {
      const id = (await create({ ...draft, name: 'Plain Lamp' })).body.id as string;

      const res = await api
        .patch(`/seller/products/${id}`)
        .set('authorization', makerAuth)
        .send({ name: 'Fancy Lamp', price: { amount: 7_500, currency: 'USD' } });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Fancy Lamp', price: { amount: 7_500 }, description: draft.description, available: 9 });
      expect((await api.get(`/products/${id}`)).body).toMatchObject({ name: 'Fancy Lamp', price: { amount: 7_500 } });
      expect((await eventsOf(id)).map((e) => e.payload.change)).toEqual(['created', 'updated']);
    });

    it('when a seller deletes their product, then it leaves lists, search, suggestions and the seller page, cannot be bought, and stays readable by id', async () => {
      const id = (await create({ ...draft, name: 'Vanishing Quokka Lamp' })).body.id as string;
      expect((await api.get('/products/suggest?q=vanishing%20quokka')).body.items.length).toBeGreaterThan(0);

      await api.delete(`/seller/products/${id}`).set('authorization', makerAuth).expect(204);

      expect((await api.get('/products?q=vanishing%20quokka')).body.total).toBe(0);
      expect((await api.get('/products/suggest?q=vanishing%20quokka')).body.items).toEqual([]);
      const list = await api.get('/seller/products?pageSize=100').set('authorization', makerAuth);
      expect(list.body.items.map((p: ProductSummary) => p.id)).not.toContain(id);
      expect((await api.get(`/products/${id}`)).body).toMatchObject({ id, discontinued: true, available: 0 });
      expect((await api.post('/internal/products/lookup').send({ ids: [id] })).body).toEqual([expect.objectContaining({ id, available: 0 })]);
      expect((await eventsOf(id)).map((e) => e.payload.change)).toEqual(['created', 'deleted']);
      await api.delete(`/seller/products/${id}`).set('authorization', makerAuth).expect(404);
    });

    it("when a seller changes or deletes another seller's product, then it is a 404 and the product is unchanged", async () => {
      const id = (await create({ ...draft, name: 'Guarded Lamp' })).body.id as string;

      await api.patch(`/seller/products/${id}`).set('authorization', rivalAuth).send({ name: 'Stolen' }).expect(404);
      await api.delete(`/seller/products/${id}`).set('authorization', rivalAuth).expect(404);

      expect((await api.get(`/products/${id}`)).body).toMatchObject({ name: 'Guarded Lamp', discontinued: false });
      expect((await eventsOf(id)).map((e) => e.payload.change)).toEqual(['created']);
    });

    it.each([
      [{ ...draft, price: { amount: -1, currency: 'USD' } }, 'body.price.amount'],
      [{ ...draft, name: '  ' }, 'body.name'],
      [{ ...draft, category: 'Not A Slug' }, 'body.category'],
      [{ ...draft, category: 'no-such-category' }, 'body.category'],
      [{ ...draft, imageUrl: 'javascript:alert(1)' }, 'body.imageUrl'],
      [{ ...draft, stock: -2 }, 'body.stock'],
      [{ ...draft, price: { amount: 100, currency: 'usd' } }, 'body.price.currency'],
    ])('when a new product is %j, then it is a 400 naming %s and nothing is listed', async (body, field) => {
      const before = (await api.get(`/sellers/${maker.id}`)).body.productCount;

      const res = await create(body);

      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect((await api.get(`/sellers/${maker.id}`)).body.productCount).toBe(before);
    });

    it('when a change is empty or sets a negative price, then it is a 400', async () => {
      const id = (await create({ ...draft, name: 'Steady Lamp' })).body.id as string;

      const empty = await api.patch(`/seller/products/${id}`).set('authorization', makerAuth).send({});
      const negative = await api
        .patch(`/seller/products/${id}`)
        .set('authorization', makerAuth)
        .send({ price: { amount: -5, currency: 'USD' } });

      expect(empty.status).toBe(400);
      expect(negative.status).toBe(400);
      expect(negative.body.errors[0].field).toBe('body.price.amount');
      expect((await api.get(`/products/${id}`)).body.price.amount).toBe(5_900);
    });

    it('when a customer lists a product, then it is a 403', async () => {
      await create(draft, `Bearer ${customerToken}`).expect(403);
    });
  });
});
