import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { EmbeddingsRequest, Topics, type ProductSummary } from '@shopmesh/contracts';
import { loadTransformersEncoder } from '@shopmesh/embeddings';
import { writeTinyModel } from '@shopmesh/embeddings/testing';
import { catalogApp, type CatalogApp } from '../../test/catalog-app';
import { generateCatalogSeed } from '../seed/generate';
import { SEED_SELLERS } from '../seed/sellers';

const seed = generateCatalogSeed(SEED_SELLERS);

/** Semantic, hybrid and related products on the real pgvector code paths, with the tiny generated model. */
describe('catalog search by meaning', () => {
  let shop: CatalogApp;
  let api: ReturnType<typeof request>;
  let modelsDir: string;

  beforeAll(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'shopmesh-models-'));
    await writeTinyModel(modelsDir);
    // The embeddings service's own encoder on the tiny generated model answers catalog's calls.
    const encoder = await loadTransformersEncoder({ modelsDir, model: 'all-MiniLM-L6-v2' });
    shop = await catalogApp({
      seed: true,
      embeddings: async (req) => {
        const { texts } = EmbeddingsRequest.parse(req.body);
        const vectors = await encoder.embed(texts);
        return { body: { model: encoder.model, dimensions: vectors[0]?.length ?? 0, vectors } };
      },
    });
    api = shop.publicApi;
    // A seed and its embeddings: slower than an empty catalog on a busy machine.
  }, 180_000);

  afterAll(async () => {
    await shop?.close();
    await rm(modelsDir, { recursive: true, force: true });
  });

  const list = async (query: string) => {
    const res = await api.get(`/products${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: ProductSummary[]; total: number; mode: string; degraded: boolean; facets: { categories: { slug: string; count: number }[] } };
  };

  it('when the catalog is seeded, then every product has an embedding in a vector(384) column', async () => {
    const [row] = await shop.sql<{ embedded: number; dims: number }>(
      'select count(*)::int as embedded, max(vector_dims(embedding))::int as dims from products where embedding is not null',
    );

    expect(row).toEqual({ embedded: seed.products.length, dims: 384 });
  });

  it('when searching semantically, then the nearest products by meaning come back with facets of the candidates', async () => {
    const body = await list('?q=headlamp&mode=semantic&pageSize=5');

    expect(body).toMatchObject({ mode: 'semantic', degraded: false });
    expect(body.items[0]?.name).toMatch(/Headlamp/);
    expect(body.total).toBeGreaterThan(5);
    expect(body.facets.categories.reduce((sum, c) => sum + c.count, 0)).toBe(body.total);
  });

  it('when a filter is narrow, then semantic results still fill the page from inside it (iterative index scan)', async () => {
    const body = await list('?q=warm%20sweater&mode=semantic&category=pet-supplies&maxPrice=3000&pageSize=5');

    const inside = seed.products.filter((p) => p.category === 'pet-supplies' && p.priceAmount <= 3000).length;
    expect(body.total).toBe(inside);
    expect(body.items.every((i) => i.category === 'pet-supplies' && i.price.amount <= 3000)).toBe(true);
    expect(body.items).toHaveLength(Math.min(5, inside));
  });

  it('when searching in hybrid mode, then keyword and semantic ranks are fused and a name match leads', async () => {
    const body = await list('?q=lamp&mode=hybrid');

    expect(body).toMatchObject({ mode: 'hybrid', degraded: false });
    expect(body.items[0]?.name).toMatch(/Headlamp/);
  });

  it('when related products are asked for, then the nearest other products come back, never the product itself', async () => {
    const headlamp = seed.products.find((p) => /Headlamp/.test(p.name))!;

    const res = await api.get(`/products/${headlamp.id}/related?limit=4`);

    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(4);
    expect(res.body.items.map((i: ProductSummary) => i.id)).not.toContain(headlamp.id);
  });

  it('when related products get a bad limit, then it is a 400 naming query.limit', async () => {
    const res = await api.get(`/products/${seed.products[0]!.id}/related?limit=99`);

    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('query.limit');
  });

  it('when a product changes, then catalog.product-changed re-embeds it after the write, not during it', async () => {
    const product = seed.products[0]!;
    await shop.sql('update products set name = ?, embedding = null, embedding_source = null where id = ?', ['Renamed Lantern', product.id]);

    await shop.deliver(Topics.productChanged, { productId: product.id, sellerId: product.sellerId, change: 'updated' });

    const [row] = await shop.sql<{ source: string }>('select embedding_source as source from products where id = ? and embedding is not null', [product.id]);
    expect(row?.source).toMatch(/^Renamed Lantern\./);
  });
  it('when semantic or hybrid search asks for a minimum rating, then only products rated that high are ranked, and a deleted product is never', async () => {
    type Seeded = (typeof seed.products)[number];
    const [rated, low, deleted] = seed.products.filter((p) => /Headlamp/.test(p.name)) as [Seeded, Seeded, Seeded];
    const shopper = { id: '00000000-0000-4000-8000-0000000000d1', email: 'rater@example.com', role: 'customer' as const };
    const auth = `Bearer ${await shop.tokenFor(shopper)}`;
    await api.post(`/products/${rated.id}/reviews`).set('authorization', auth).send({ rating: 5, body: 'Bright.' }).expect(201);
    await api.post(`/products/${low.id}/reviews`).set('authorization', auth).send({ rating: 1, body: 'Dim.' }).expect(201);
    const seller = { id: deleted.sellerId, email: 'seller@example.com', role: 'seller' as const };
    await api.post(`/products/${deleted.id}/reviews`).set('authorization', auth).send({ rating: 5, body: 'Gone soon.' }).expect(201);
    await shop.publicApi
      .delete(`/seller/products/${deleted.id}`)
      .set('authorization', `Bearer ${await shop.tokenFor(seller)}`)
      .expect(204);

    for (const mode of ['semantic', 'hybrid']) {
      const found = await list(`?q=headlamp&mode=${mode}&minRating=4`);
      expect(found.items.map((p) => p.id)).toEqual([rated.id]);
    }
    expect((await list(`?q=headlamp&mode=semantic`)).items.map((p) => p.id)).not.toContain(deleted.id);
    expect((await api.get(`/products/${rated.id}/related?limit=24`)).body.items.map((p: ProductSummary) => p.id)).not.toContain(deleted.id);
  });
});
