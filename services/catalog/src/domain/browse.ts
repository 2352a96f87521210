import type { Category, CategoryList, PageQuery, SellerProfile } from '@shopmesh/contracts';
import { notFound } from '@shopmesh/platform';
import type { CatalogDeps } from './ports';
import { listSellerProducts } from './products';

export async function listCategories(deps: CatalogDeps): Promise<CategoryList> {
  return { items: await deps.store.categories() };
}

export async function getCategory(deps: CatalogDeps, slug: string): Promise<Category> {
  const category = await deps.store.category(slug);
  if (!category) throw notFound('Category');
  return category;
}

/** A seller's public page: profile, rating over their products' reviews, and a page of their listed products. */
export async function getSeller(deps: CatalogDeps, id: string, query: PageQuery): Promise<SellerProfile> {
  const seller = await deps.store.seller(id);
  if (!seller) throw notFound('Seller');
  return { ...seller, products: await listSellerProducts(deps, id, query) };
}
