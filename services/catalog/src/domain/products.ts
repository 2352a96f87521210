import type { PageQuery, Product, ProductLookupItem, ProductPage, ProductQuery, SellerProductPage } from '@shopmesh/contracts';
import { notFound } from '@shopmesh/platform';
import type { CatalogDeps } from './ports';
import { placeholderSvg } from './product-image';
import { toLookupItem, toProduct, toSummary } from './product-views';
import { planSearch, type SearchPlan } from './search';
import { isModelMissing, rankedPage } from './semantic-search';

/**
 * Searches and filters the catalog in the query's mode; each page asks inventory once for the
 * availability of its items. Semantic and hybrid need the query's embedding: a missing model is a 503
 * naming the fix, while an embeddings outage falls back to keyword ranking flagged `degraded`.
 */
export async function searchProducts(deps: CatalogDeps, query: ProductQuery): Promise<ProductPage> {
  const plan = planSearch(query);
  if (plan.mode === 'keyword' || plan.text === undefined) return keywordPage(deps, plan, false);
  let vector: number[];
  try {
    [vector] = (await deps.embeddings.embed([plan.text])) as [number[]];
  } catch (err) {
    if (isModelMissing(err)) throw err;
    return keywordPage(deps, { ...plan, mode: 'keyword' }, true);
  }
  return rankedPage(deps, plan, vector);
}

async function keywordPage(deps: CatalogDeps, plan: SearchPlan, degraded: boolean): Promise<ProductPage> {
  const result = await deps.store.search(plan);
  const stock = result.items.length ? await deps.inventory.availableIfReachable(result.items.map((p) => p.id)) : new Map<string, number>();
  return {
    items: result.items.map((p) => toSummary(p, stock)),
    total: result.total,
    page: plan.page,
    pageSize: plan.pageSize,
    facets: result.facets,
    mode: plan.mode,
    degraded,
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

/** A product's image: the seller's own (a redirect to it) or the catalog's drawn one. */
export type ProductImage = { kind: 'redirect'; url: string } | { kind: 'svg'; svg: string };

/** The image of any product, deleted ones included (past orders show them). */
export async function productImage(deps: CatalogDeps, id: string): Promise<ProductImage> {
  const product = await deps.store.product(id);
  if (!product) throw notFound('Product');
  return product.imageUrl ? { kind: 'redirect', url: product.imageUrl } : { kind: 'svg', svg: placeholderSvg(product) };
}
