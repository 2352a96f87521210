import type { PageQuery, Product, ProductLookupItem, ProductPage, ProductQuery, SellerProductPage } from '@shopmesh/contracts';
import { notFound } from '@shopmesh/platform';
import type { CatalogDeps } from './ports';
import { toLookupItem, toProduct, toSummary } from './product-views';
import { planSearch } from './search';

/** Searches and filters the catalog; each page asks inventory once for the availability of its items. */
export async function searchProducts(deps: CatalogDeps, query: ProductQuery): Promise<ProductPage> {
  const plan = planSearch(query);
  const result = await deps.store.search(plan);
  const stock = result.items.length ? await deps.inventory.availableIfReachable(result.items.map((p) => p.id)) : new Map<string, number>();
  return {
    items: result.items.map((p) => toSummary(p, stock)),
    total: result.total,
    page: plan.page,
    pageSize: plan.pageSize,
    facets: { categories: result.facets },
  };
}

export async function getProduct(deps: CatalogDeps, id: string): Promise<Product> {
  const product = await deps.store.product(id);
  if (!product) throw notFound('Product');
  return toProduct(product, await deps.inventory.availableIfReachable([id]));
}

/**
 * Products by id for cart and orders, in request order with unknown ids left out. Availability must be
 * real here (it decides what can be bought), so an unreachable inventory fails the call.
 */
export async function lookupProducts(deps: CatalogDeps, ids: string[]): Promise<ProductLookupItem[]> {
  const unique = [...new Set(ids)];
  const found = new Map((await deps.store.products(unique)).map((p) => [p.id, p]));
  if (found.size === 0) return [];
  const stock = await deps.inventory.available([...found.keys()]);
  return unique.flatMap((id) => {
    const product = found.get(id);
    return product ? [toLookupItem(product, stock)] : [];
  });
}

/** A seller's own products, newest first. */
export async function listSellerProducts(deps: CatalogDeps, sellerId: string, query: PageQuery): Promise<SellerProductPage> {
  const { items, total } = await deps.store.sellerProducts(sellerId, query.pageSize, (query.page - 1) * query.pageSize);
  const stock = items.length ? await deps.inventory.availableIfReachable(items.map((p) => p.id)) : new Map<string, number>();
  return { items: items.map((p) => toSummary(p, stock)), total, page: query.page, pageSize: query.pageSize };
}
