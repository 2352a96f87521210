import { startTestShop, type TestShop } from '@shopmesh/platform/testing';
import type { ProductPage } from '@shopmesh/contracts';
import { loadAllServices } from '../../src/service-loaders';

/** The acceptance check, on the real all-MiniLM-L6-v2 (npm run model:fetch) through the gateway. */
describe('hybrid search on the real model', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startTestShop(await loadAllServices(), { seed: true, env: { RATE_LIMIT_IP_PER_MINUTE: '100000' } });
    // On a busy machine the model may still be loading when the seed asks for embeddings; the catalog's
    // backfill then makes them shortly after. The checks below need every product embedded.
    for (;;) {
      const [row] = await shop.sql<{ missing: number }>('catalog', 'select count(*)::int as missing from products where embedding is null');
      if (row?.missing === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }, 600_000);

  afterAll(() => shop?.close());

  const search = async (q: string, mode: string): Promise<ProductPage> => {
    const res = await fetch(`${shop.url('gateway')}/api/v1/products?q=${encodeURIComponent(q)}&mode=${mode}&pageSize=5`);
    expect(res.status).toBe(200);
    return (await res.json()) as ProductPage;
  };

  it('when a shopper asks for something warm to wear on a winter hike, then outdoor clothing leads the hybrid results', async () => {
    const page = await search('something warm to wear on a winter hike', 'hybrid');

    expect(page).toMatchObject({ mode: 'hybrid', degraded: false });
    expect(page.items[0]?.name).toMatch(/Fleece Jacket|Insulated Gloves|Beanie|Sweater/);
  });

  it('when a shopper uses a word no product contains, then semantic search still finds the product by meaning', async () => {
    const page = await search('kids drawing stand', 'semantic');

    expect(page.items.slice(0, 3).some((i) => /Art Easel/.test(i.name))).toBe(true);
  });
});
