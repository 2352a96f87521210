import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SCARCE_PRODUCT_ID } from '@shopmesh/contracts';
import { generateCatalogSeed } from '../seed/generate';
import { SEED_SELLERS } from '../seed/sellers';
import { catalogApp, type CatalogApp } from '../../test/catalog-app';

const seed = generateCatalogSeed(SEED_SELLERS);

describe('internal product lookup', () => {
  let shop: CatalogApp;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    shop = await catalogApp({ seed: true });
    api = shop.api;
  });

  afterAll(() => shop?.close());

  it('when products are looked up, then found ones come in request order with seller, price and availability; unknown ids are left out', async () => {
    const other = seed.products[7]!;

    const res = await api.post('/internal/products/lookup').send({ ids: [SCARCE_PRODUCT_ID, randomUUID(), other.id] });

    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        id: SCARCE_PRODUCT_ID,
        sellerId: SEED_SELLERS[0]!.id,
        name: 'Limited Edition Hand-Thrown Ceramic Teapot',
        price: { amount: 12_900, currency: 'USD' },
        available: 5,
      },
      { id: other.id, sellerId: other.sellerId, name: other.name, price: { amount: other.priceAmount, currency: 'USD' }, available: other.stock },
    ]);
  });

  it('when availability changes in inventory, then the lookup reflects it at once', async () => {
    shop.reserve(SCARCE_PRODUCT_ID, 2);

    const res = await api.post('/internal/products/lookup').send({ ids: [SCARCE_PRODUCT_ID] });

    expect(res.body[0].available).toBe(3);
  });

  it('when the ids are missing or malformed, then it is a 400 naming them', async () => {
    const empty = await api.post('/internal/products/lookup').send({ ids: [] });
    const malformed = await api.post('/internal/products/lookup').send({ ids: ['nope'] });

    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('body.ids');
    expect(malformed.body.errors[0].field).toBe('body.ids.0');
  });
});
