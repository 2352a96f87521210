import type { Principal } from '@shopmesh/platform';
import type { CatalogDeps, CatalogStore, InventoryPort, ProductRecord } from './ports';
import { getProduct, lookupProducts, searchProducts } from './products';
import { setSellerStock } from './seller-stock';

const SELLER = '1d000000-0000-4000-8000-000000000002';
const OTHER_SELLER = '1d000000-0000-4000-8000-000000000004';
const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';
const MISSING = '00000000-0000-4000-8000-0000000000ff';

const product = (id: string): ProductRecord => ({
  id,
  sellerId: SELLER,
  name: `Product ${id.slice(-1)}`,
  slug: `product-${id.slice(-1)}`,
  description: 'A product.',
  category: 'home-kitchen',
  priceAmount: 1999,
  currency: 'USD',
  imageUrl: 'https://example.com/p.png',
  attributes: {},
  createdAt: new Date('2025-01-01T00:00:00Z'),
  updatedAt: new Date('2025-01-01T00:00:00Z'),
  deletedAt: null,
  ratingCount: 0,
  ratingTotal: 0,
});

function fakes(options: { inventoryDown?: boolean } = {}) {
  const products = new Map([P1, P2].map((id) => [id, product(id)]));
  const calls = { setStock: [] as unknown[][], changed: [] as string[], lookups: [] as string[][] };
  const store: Partial<CatalogStore> = {
    search: async () => ({ items: [...products.values()], total: 2, facets: { categories: [{ slug: 'home-kitchen', count: 2 }], prices: [] } }),
    product: async (id) => products.get(id),
    products: async (ids) => ids.flatMap((id) => (products.has(id) ? [products.get(id)!] : [])),
    markProductChanged: async (p) => {
      calls.changed.push(p.id);
    },
  };
  const available = async (ids: string[]) => {
    calls.lookups.push(ids);
    if (options.inventoryDown) throw new Error('inventory down');
    return new Map([[P1, 7]]);
  };
  const inventory: InventoryPort = {
    available,
    availableIfReachable: (ids) => available(ids).catch(() => undefined),
    setStock: async (productId, sellerId, onHand) => {
      calls.setStock.push([productId, sellerId, onHand]);
      return { productId, sellerId, onHand, reserved: 0, available: onHand, updatedAt: new Date().toISOString() };
    },
  };
  const embeddings = { embed: async (texts: string[]) => texts.map(() => [1, 0]) };
  const deps: CatalogDeps = { store: store as CatalogStore, inventory, embeddings, clock: { now: () => new Date('2025-02-01T00:00:00Z') } };
  return { deps, calls };
}

const query = { page: 1, pageSize: 20, mode: 'keyword', sort: 'relevance' } as const;

describe('searchProducts', () => {
  it('when inventory answers, then each item carries its availability (0 for products it does not know)', async () => {
    const { deps, calls } = fakes();

    const page = await searchProducts(deps, query);

    expect(page.items.map((i) => [i.id, i.available])).toEqual([
      [P1, 7],
      [P2, 0],
    ]);
    expect(calls.lookups).toEqual([[P1, P2]]);
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 20, facets: { categories: [{ slug: 'home-kitchen', count: 2 }] } });
  });

  it('when inventory is down, then browsing still works with availability unknown (null)', async () => {
    const { deps } = fakes({ inventoryDown: true });

    const page = await searchProducts(deps, query);

    expect(page.items.map((i) => i.available)).toEqual([null, null]);
  });
});

describe('getProduct', () => {
  it('when the product does not exist, then it is a 404', async () => {
    await expect(getProduct(fakes().deps, MISSING)).rejects.toMatchObject({ status: 404 });
  });
});

describe('lookupProducts', () => {
  it('when ids repeat or are unknown, then found products come once each in request order', async () => {
    const { deps } = fakes();

    const items = await lookupProducts(deps, [P2, MISSING, P1, P2]);

    expect(items.map((i) => [i.id, i.available])).toEqual([
      [P2, 0],
      [P1, 7],
    ]);
  });

  it('when no id is known, then inventory is not asked', async () => {
    const { deps, calls } = fakes();

    expect(await lookupProducts(deps, [MISSING])).toEqual([]);
    expect(calls.lookups).toEqual([]);
  });

  it('when inventory is down, then the lookup fails rather than guess availability', async () => {
    await expect(lookupProducts(fakes({ inventoryDown: true }).deps, [P1])).rejects.toThrow('inventory down');
  });
});

describe('setSellerStock', () => {
  const seller = (id: string, role: Principal['role'] = 'seller'): Principal => ({ id, email: 'x@example.com', role });

  it("when the product is the seller's own, then inventory sets it and a product change is recorded", async () => {
    const { deps, calls } = fakes();

    const stock = await setSellerStock(deps, seller(SELLER), P1, 12);

    expect(stock).toMatchObject({ productId: P1, onHand: 12 });
    expect(calls.setStock).toEqual([[P1, SELLER, 12]]);
    expect(calls.changed).toEqual([P1]);
  });

  it("when the product is another seller's, then it is a 404 and inventory is untouched", async () => {
    const { deps, calls } = fakes();

    await expect(setSellerStock(deps, seller(OTHER_SELLER), P1, 12)).rejects.toMatchObject({ status: 404 });
    expect(calls.setStock).toEqual([]);
  });

  it("when an admin sets it, then the stock stays with the product's seller", async () => {
    const { deps, calls } = fakes();

    await setSellerStock(deps, seller(OTHER_SELLER, 'admin'), P1, 3);

    expect(calls.setStock).toEqual([[P1, SELLER, 3]]);
  });
});
