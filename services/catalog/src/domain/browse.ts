import type { Category, CategoryList, Seller } from '@shopmesh/contracts';
import { notFound } from '@shopmesh/platform';
import type { CatalogDeps } from './ports';

export async function listCategories(deps: CatalogDeps): Promise<CategoryList> {
  return { items: await deps.store.categories() };
}

export async function getCategory(deps: CatalogDeps, slug: string): Promise<Category> {
  const category = await deps.store.category(slug);
  if (!category) throw notFound('Category');
  return category;
}

export async function getSeller(deps: CatalogDeps, id: string): Promise<Seller> {
  const seller = await deps.store.seller(id);
  if (!seller) throw notFound('Seller');
  return seller;
}
