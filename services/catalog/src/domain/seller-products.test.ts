import type { ProductDraft } from '@shopmesh/contracts';
import type { Principal } from '@shopmesh/platform';
import type { CatalogDeps, CatalogStore, ProductRecord } from './ports';
import { createSellerProduct, deleteSellerProduct, updateSellerProduct } from './seller-products';

const SELLER: Principal = { id: '1d000000-0000-4000-8000-000000000002', email: 'maker@example.com', role: 'seller' };
const OTHER: Principal = { id: '1d000000-0000-4000-8000-000000000004', email: 'other@example.com', role: 'seller' };
const NOW = new Date('2026-03-01T12:00:00Z');
const P1 = '00000000-0000-4000-8000-000000000001';

const existing = (over: Partial<ProductRecord> = {}): ProductRecord => ({
  id: P1,
  sellerId: SELLER.id,
  name: 'Oak Desk',
  slug: 'oak-desk',
  description: 'A desk.',
  category: 'home-kitchen',
  priceAmount: 12_000,
  currency: 'USD',
  imageUrl: 'https://example.com/desk.png',
  attributes: { wood: 'oak' },
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  deletedAt: null,
  ratingCount: 2,
  ratingTotal: 9,
  ...over,
});

function fakes(product: ProductRecord = existing()) {
  const calls: string[] = [];
  const saved: { created?: ProductRecord; sellerName?: string; updated?: ProductRecord; deleted?: string } = {};
  const store: Partial<CatalogStore> = {
    product: async (id) => (id === product.id ? product : undefined),
    category: async (slug) => (['home-kitchen', 'electronics'].includes(slug) ? { slug, name: slug, description: '', productCount: 0 } : undefined),
    createProduct: async (p, sellerName) => {
      calls.push('create');
      Object.assign(saved, { created: p, sellerName });
    },
    updateProduct: async (p) => {
      calls.push('update');
      saved.updated = p;
    },
    deleteProduct: async (p) => {
      calls.push('delete');
      saved.deleted = p.id;
    },
  };
  const deps: CatalogDeps = {
    store: store as CatalogStore,
    inventory: {
      available: async () => new Map(),
      availableIfReachable: async (ids) => new Map(ids.map((id) => [id, 4])),
      setStock: async (productId, sellerId, onHand) => {
        calls.push(`stock ${onHand}`);
        return { productId, sellerId, onHand, reserved: 0, available: onHand, updatedAt: NOW.toISOString() };
      },
    },
    embeddings: { embed: async () => [] },
    clock: { now: () => NOW },
  };
  return { deps, calls, saved };
}

const draft: ProductDraft = { name: 'Walnut Lamp', category: 'electronics', price: { amount: 4_999, currency: 'USD' }, stock: 12 };

describe('seller products', () => {
  it('when a seller lists a product, then stock is set first, then the product is stored with a unique slug and the drawn image', async () => {
    const { deps, calls, saved } = fakes();

    const product = await createSellerProduct(deps, SELLER, draft);

    expect(calls).toEqual(['stock 12', 'create']);
    expect(saved.created).toMatchObject({
      sellerId: SELLER.id,
      name: 'Walnut Lamp',
      description: '',
      imageUrl: null,
      priceAmount: 4_999,
      deletedAt: null,
      createdAt: NOW,
    });
    expect(saved.created!.slug).toBe(`walnut-lamp-${product.id.slice(0, 8)}`);
    expect(saved.sellerName).toBe('maker');
    expect(product).toMatchObject({
      available: 12,
      imageUrl: `/api/v1/products/${product.id}/image`,
      rating: { average: null, count: 0 },
      discontinued: false,
    });
  });

  it('when the category does not exist, then it is a 400 naming body.category and nothing is written anywhere', async () => {
    const { deps, calls } = fakes();

    await expect(createSellerProduct(deps, SELLER, { ...draft, category: 'no-such-thing' })).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'body.category' }],
    });
    expect(calls).toEqual([]);
  });

  it('when a seller changes some fields, then only those change, an empty image URL returns to the drawn image, and the rest is kept', async () => {
    const { deps, saved } = fakes();

    const product = await updateSellerProduct(deps, SELLER, P1, { price: { amount: 9_900, currency: 'USD' }, imageUrl: '' });

    expect(saved.updated).toMatchObject({
      name: 'Oak Desk',
      description: 'A desk.',
      priceAmount: 9_900,
      imageUrl: null,
      attributes: { wood: 'oak' },
      updatedAt: NOW,
    });
    expect(product).toMatchObject({ price: { amount: 9_900 }, imageUrl: `/api/v1/products/${P1}/image`, rating: { average: 4.5, count: 2 }, available: 4 });
  });

  it("when a seller changes or deletes another seller's product, then it is a 404 and nothing is written", async () => {
    const { deps, calls } = fakes();

    await expect(updateSellerProduct(deps, OTHER, P1, { name: 'Mine now' })).rejects.toMatchObject({ status: 404 });
    await expect(deleteSellerProduct(deps, OTHER, P1)).rejects.toMatchObject({ status: 404 });
    expect(calls).toEqual([]);
  });

  it('when a product is deleted, then it is soft-deleted once; a deleted product can be neither changed nor deleted again', async () => {
    const { deps, saved } = fakes();
    await deleteSellerProduct(deps, SELLER, P1);
    expect(saved.deleted).toBe(P1);

    const gone = fakes(existing({ deletedAt: NOW }));
    await expect(deleteSellerProduct(gone.deps, SELLER, P1)).rejects.toMatchObject({ status: 404 });
    await expect(updateSellerProduct(gone.deps, SELLER, P1, { name: 'Back' })).rejects.toMatchObject({ status: 404 });
    expect(gone.calls).toEqual([]);
  });

  it('when a change names an unknown category, then it is a 400 naming body.category and nothing is saved', async () => {
    const { deps, calls } = fakes();

    await expect(updateSellerProduct(deps, SELLER, P1, { category: 'nope' })).rejects.toMatchObject({ status: 400, errors: [{ field: 'body.category' }] });
    expect(calls).toEqual([]);
  });
});
