import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SCARCE_PRODUCT_ID, type ProductSummary } from '@shopmesh/contracts';
import { generateCatalogSeed } from '../seed/generate';
import { SEED_SELLERS } from '../seed/sellers';
import { catalogApp, type CatalogApp } from '../../test/catalog-app';

const seed = generateCatalogSeed(SEED_SELLERS);
const TOTAL = seed.products.length;

describe('catalog product browsing and search', () => {
  let shop: CatalogApp;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    shop = await catalogApp({ seed: true });
    api = shop.publicApi;
  });

  afterAll(() => shop?.close());

  const list = async (query: string) => {
    const res = await api.get(`/products${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: ProductSummary[]; total: number; page: number; pageSize: number; facets: { categories: { slug: string; count: number }[] } };
  };

  it('when products are listed without filters, then the first page of the whole seeded catalog comes with availability and facets', async () => {
    const body = await list('');

    expect(body).toMatchObject({ total: TOTAL, page: 1, pageSize: 20 });
    expect(body.items).toHaveLength(20);
    expect(body.items.every((i) => typeof i.available === 'number' && i.available >= 5)).toBe(true);
    expect(body.facets.categories).toHaveLength(seed.categories.length);
    expect(body.facets.categories.reduce((sum, c) => sum + c.count, 0)).toBe(TOTAL);
  });

  it('when the last page is asked for, then it holds the remainder, and a page past the end is empty with the same total', async () => {
    const lastPage = Math.ceil(TOTAL / 20);

    const last = await list(`?page=${lastPage}&pageSize=20`);
    const past = await list(`?page=${lastPage + 1}&pageSize=20`);

    expect(last.items).toHaveLength(TOTAL - (lastPage - 1) * 20);
    expect(past).toMatchObject({ items: [], total: TOTAL });
  });

  it('when paging through everything, then every product appears exactly once', async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => list(`?page=${page}&pageSize=100&sort=name`)));

    const ids = pages.flatMap((p) => p.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(TOTAL);
  });

  it('when searching by keyword, then matches are ranked with name matches first', async () => {
    const body = await list('?q=cast%20iron');

    const expected = seed.products.filter((p) => /cast iron/i.test(`${p.name} ${p.description}`));
    expect(body.total).toBeGreaterThanOrEqual(expected.length);
    expect(body.items[0]?.name).toMatch(/Cast Iron/);
    expect(body).toMatchObject({ mode: 'keyword', degraded: false });
  });

  it('when a shopper types "lamp", then headlamps come first, ahead of products that only mention lamps', async () => {
    const body = await list('?q=lamp');

    const headlamps = seed.products.filter((p) => /headlamp/i.test(p.name)).length;
    expect(headlamps).toBe(3);
    expect(body.items.slice(0, headlamps).every((i) => /headlamp/i.test(i.name))).toBe(true);
    expect(body.total).toBeGreaterThan(headlamps);
  });

  it('when a word is typed halfway, then the prefix already matches', async () => {
    const body = await list('?q=sleep');

    expect(body.items[0]?.name).toMatch(/Sleeping Bag/);
  });

  it('when results are faceted, then price buckets count the matches by price range', async () => {
    const body = (await list('?pageSize=1')) as unknown as { total: number; facets: { prices: { min: number; max: number | null; count: number }[] } };

    expect(body.facets.prices.reduce((sum, b) => sum + b.count, 0)).toBe(body.total);
    expect(body.facets.prices[0]).toMatchObject({ min: 0, max: 2500 });
  });

  it('when the embeddings service cannot be reached, then hybrid search answers with keyword ranking flagged degraded', async () => {
    const body = await list('?q=lamp&mode=hybrid');

    expect(body).toMatchObject({ mode: 'keyword', degraded: true });
    expect(body.items[0]?.name).toMatch(/Headlamp/);
  });

  it('when a shopper mistypes a name in autocomplete, then the product is still suggested', async () => {
    const res = await api.get('/products/suggest?q=hedlamp');

    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ kind: 'product' });
    expect(res.body.items[0].text).toMatch(/Headlamp/);
  });

  it('when autocomplete gets a prefix, then up to 8 names and categories starting with it come first', async () => {
    const res = await api.get('/products/suggest?q=out');

    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(8);
    expect(res.body.items).toContainEqual({ kind: 'category', slug: 'outdoor-camping', text: 'Outdoor & Camping' });
  });

  it.each([
    ['', 'query.q'],
    [`?q=${'x'.repeat(101)}`, 'query.q'],
  ])('when autocomplete is asked %s, then it is a 400 naming %s', async (query, field) => {
    const res = await api.get(`/products/suggest${query}`);

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('when searching with stemming, then plural and singular forms match', async () => {
    const body = await list('?q=tents');

    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((i) => i.category === 'outdoor-camping')).toBe(true);
  });

  it('when nothing matches, then the page is empty with no facets', async () => {
    expect(await list('?q=xylophonezzz')).toMatchObject({ items: [], total: 0, facets: { categories: [], prices: [] } });
  });

  it('when filtered by category, then only that category is listed but facets still count every category', async () => {
    const body = await list('?category=electronics&pageSize=100');

    expect(body.total).toBe(seed.products.filter((p) => p.category === 'electronics').length);
    expect(body.items.every((i) => i.category === 'electronics')).toBe(true);
    expect(body.facets.categories.length).toBe(seed.categories.length);
  });

  it('when filtered by a price range, then only products inside it (inclusive) are counted', async () => {
    const body = await list('?minPrice=5000&maxPrice=9999&pageSize=100');

    const expected = seed.products.filter((p) => p.priceAmount >= 5000 && p.priceAmount <= 9999);
    expect(body.total).toBe(expected.length);
    expect(body.items.every((i) => i.price.amount >= 5000 && i.price.amount <= 9999)).toBe(true);
  });

  it.each([
    ['price_asc', (a: ProductSummary, b: ProductSummary) => a.price.amount - b.price.amount],
    ['price_desc', (a: ProductSummary, b: ProductSummary) => b.price.amount - a.price.amount],
    ['name', (a: ProductSummary, b: ProductSummary) => a.name.toLowerCase().localeCompare(b.name.toLowerCase())],
  ])('when sorted by %s, then the page is in that order', async (sort, compare) => {
    const body = await list(`?sort=${sort}&pageSize=50`);

    expect(body.items.map((i) => i.id)).toEqual([...body.items].sort(compare).map((i) => i.id));
  });

  it('when sorted by newest, then the most recently created product comes first', async () => {
    const newest = [...seed.products].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]!;

    expect((await list('?sort=newest')).items[0]?.id).toBe(newest.id);
  });

  it.each([
    ['?pageSize=0', 'query.pageSize'],
    ['?pageSize=101', 'query.pageSize'],
    ['?page=0', 'query.page'],
    ['?mode=fuzzy', 'query.mode'],
    [`?q=${'a'.repeat(201)}`, 'query.q'],
    ['?sort=random', 'query.sort'],
    ['?minPrice=900&maxPrice=100', 'query.minPrice'],
  ])('when the query is %s, then it is a 400 naming %s', async (query, field) => {
    const res = await api.get(`/products${query}`);

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('when one product is read, then it comes with its description, attributes and current availability', async () => {
    const res = await api.get(`/products/${SCARCE_PRODUCT_ID}`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: SCARCE_PRODUCT_ID, available: 5, price: { amount: 12_900, currency: 'USD' } });
    expect(res.body.description.length).toBeGreaterThan(50);
    expect(res.body.attributes).toMatchObject({ color: 'celadon' });
  });

  it('when the product does not exist, then it is a 404 problem', async () => {
    const res = await api.get(`/products/${randomUUID()}`);

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('when the product id is not a uuid, then it is a 400 naming params.id', async () => {
    const res = await api.get('/products/not-a-uuid');

    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('params.id');
  });

  it('when the seed runs again, then nothing is duplicated', async () => {
    await shop.seed();

    expect((await list('')).total).toBe(TOTAL);
  });
});
