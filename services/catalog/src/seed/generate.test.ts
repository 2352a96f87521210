import { Id, SCARCE_PRODUCT_ID, Slug } from '@shopmesh/contracts';
import { generateCatalogSeed } from './generate';
import { SEED_SELLERS } from './sellers';

describe('generateCatalogSeed', () => {
  const seed = generateCatalogSeed(SEED_SELLERS);

  it('when generated, then it has at least 200 products in at least 8 categories from 3 sellers', () => {
    expect(seed.products.length).toBeGreaterThanOrEqual(200);
    expect(seed.categories.length).toBeGreaterThanOrEqual(8);
    expect(new Set(seed.products.map((p) => p.category)).size).toBe(seed.categories.length);
    expect(new Set(seed.products.map((p) => p.sellerId))).toEqual(new Set(SEED_SELLERS.map((s) => s.id)));
  });

  it('when generated, then ids are unique valid uuids and slugs and names are unique', () => {
    const unique = (values: string[]) => new Set(values).size;

    expect(unique(seed.products.map((p) => p.id))).toBe(seed.products.length);
    expect(unique(seed.products.map((p) => p.slug))).toBe(seed.products.length);
    expect(unique(seed.products.map((p) => p.name))).toBe(seed.products.length);
    expect(seed.products.every((p) => Id.safeParse(p.id).success && Slug.safeParse(p.slug).success)).toBe(true);
    expect(seed.categories.every((c) => Slug.safeParse(c.slug).success)).toBe(true);
  });

  it('when generated twice, then the catalogs are identical', () => {
    expect(generateCatalogSeed(SEED_SELLERS)).toEqual(seed);
  });

  it('when generated, then every description has 2 to 4 sentences and mentions its product', () => {
    for (const product of seed.products) {
      const sentences = product.description.split(/(?<=[.!?])\s+(?=[A-Z])/);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(4);
    }
    const generated = seed.products.filter((p) => p.id !== SCARCE_PRODUCT_ID);
    expect(generated.every((p) => p.description.includes(p.name))).toBe(true);
  });

  it('when generated, then prices are whole cents in USD and stock is 10 to 200 units', () => {
    const generated = seed.products.filter((p) => p.id !== SCARCE_PRODUCT_ID);

    expect(seed.products.every((p) => Number.isInteger(p.priceAmount) && p.priceAmount > 0 && p.currency === 'USD')).toBe(true);
    expect(generated.every((p) => p.stock >= 10 && p.stock <= 200)).toBe(true);
  });

  it('when generated, then the scarce product exists with exactly 5 units', () => {
    const scarce = seed.products.find((p) => p.id === SCARCE_PRODUCT_ID);

    expect(scarce?.stock).toBe(5);
    expect(seed.categories.map((c) => c.slug)).toContain(scarce?.category);
  });

  it('when generated, then creation times are distinct so "newest" has one order', () => {
    expect(new Set(seed.products.map((p) => p.createdAt.getTime())).size).toBe(seed.products.length);
  });
});
