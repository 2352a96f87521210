import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Topics, type Category } from '@shopmesh/contracts';
import { generateCatalogSeed } from '../seed/generate';
import { SEED_SELLERS } from '../seed/sellers';
import { catalogApp, type CatalogApp } from '../../test/catalog-app';

const seed = generateCatalogSeed(SEED_SELLERS);

describe('catalog categories and sellers', () => {
  let shop: CatalogApp;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    shop = await catalogApp({ seed: true });
    api = shop.publicApi;
  });

  afterAll(() => shop?.close());

  it('when categories are listed, then every seeded category comes in display order with its product count', async () => {
    const res = await api.get('/categories');

    expect(res.status).toBe(200);
    expect(res.body.items.map((c: Category) => c.slug)).toEqual(seed.categories.map((c) => c.slug));
    expect(res.body.items.reduce((sum: number, c: Category) => sum + c.productCount, 0)).toBe(seed.products.length);
  });

  it('when one category is read, then it has its name, description and count', async () => {
    const res = await api.get('/categories/electronics');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      slug: 'electronics',
      name: 'Electronics',
      productCount: seed.products.filter((p) => p.category === 'electronics').length,
    });
  });

  it('when the category does not exist, then it is a 404, and a malformed slug a 400', async () => {
    await api.get('/categories/no-such-thing').expect(404);
    const bad = await api.get('/categories/Bad_Slug');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('params.slug');
  });

  it('when a seller is read, then their display name, seeded rating, product count and first page of products come back', async () => {
    const seller = SEED_SELLERS[0]!;
    const own = seed.products.filter((p) => p.sellerId === seller.id);

    const res = await api.get(`/sellers/${seller.id}?pageSize=5`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: seller.id,
      displayName: seller.displayName,
      rating: seller.rating,
      reviewCount: 0,
      productCount: own.length,
      products: { total: own.length, page: 1, pageSize: 5 },
    });
    expect(res.body.products.items).toHaveLength(5);
    expect(res.body.products.items.every((p: { sellerId: string }) => p.sellerId === seller.id)).toBe(true);
  });

  it('when the seller does not exist, then it is a 404', async () => {
    await api.get(`/sellers/${randomUUID()}`).expect(404);
  });

  it('when a new seller registers, then they get a seller profile with no products and no rating', async () => {
    const userId = randomUUID();

    await shop.deliver(Topics.userRegistered, { userId, email: 'new@example.com', name: 'New Shop', role: 'seller' });

    const res = await api.get(`/sellers/${userId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: userId,
      displayName: 'New Shop',
      rating: null,
      reviewCount: 0,
      productCount: 0,
      products: { items: [], total: 0, page: 1, pageSize: 20 },
    });
  });

  it('when a customer registers, then no seller profile is made', async () => {
    const userId = randomUUID();

    await shop.deliver(Topics.userRegistered, { userId, email: 'c@example.com', name: 'Cus', role: 'customer' });

    await api.get(`/sellers/${userId}`).expect(404);
  });
});
