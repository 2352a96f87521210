import { randomUUID } from 'node:crypto';
import type { Product, ProductDraft, ProductPatch } from '@shopmesh/contracts';
import { invalidField, isOwnerOrAdmin, notFound, type Principal } from '@shopmesh/platform';
import { slugify } from '../seed/text';
import type { CatalogDeps, ProductRecord } from './ports';
import { toProduct } from './product-views';

/** A listed product of the caller (an admin may act on any); anything else is a 404, so ids are not confirmed. */
export async function ownProduct(deps: CatalogDeps, seller: Principal, productId: string): Promise<ProductRecord> {
  const product = await deps.store.product(productId);
  if (!product || product.deletedAt || !isOwnerOrAdmin(seller, product.sellerId)) throw notFound('Product');
  return product;
}

async function requireCategory(deps: CatalogDeps, slug: string | undefined): Promise<void> {
  if (slug !== undefined && !(await deps.store.category(slug))) throw invalidField('body.category', `unknown category "${slug}"`);
}

/** The slug carries a piece of the id: two sellers may list products with the same name. */
const slugOf = (name: string, id: string): string => `${slugify(name) || 'product'}-${id.slice(0, 8)}`;

/**
 * Lists a new product of the seller. The category must exist. Stock is set in inventory first: that is
 * idempotent and invisible until the product exists, so a failure leaves nothing a shopper could see,
 * and a listed product always has its stock. The product and its catalog.product-changed event are
 * written in one transaction.
 */
export async function createSellerProduct(deps: CatalogDeps, seller: Principal, draft: ProductDraft): Promise<Product> {
  await requireCategory(deps, draft.category);
  const now = deps.clock.now();
  const id = randomUUID();
  const product: ProductRecord = {
    id,
    sellerId: seller.id,
    name: draft.name,
    slug: slugOf(draft.name, id),
    description: draft.description ?? '',
    category: draft.category,
    priceAmount: draft.price.amount,
    currency: draft.price.currency,
    imageUrl: draft.imageUrl || null,
    attributes: draft.attributes ?? {},
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    ratingCount: 0,
    ratingTotal: 0,
  };
  const stock = await deps.inventory.setStock(id, seller.id, draft.stock ?? 0);
  await deps.store.createProduct(product, seller.email.split('@')[0] ?? seller.email);
  return toProduct(product, new Map([[id, stock.available]]));
}

/** Changes the given fields of one of the seller's own products; an empty image URL returns to the drawn image. */
export async function updateSellerProduct(deps: CatalogDeps, seller: Principal, productId: string, patch: ProductPatch): Promise<Product> {
  const current = await ownProduct(deps, seller, productId);
  await requireCategory(deps, patch.category);
  const next: ProductRecord = {
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.category !== undefined ? { category: patch.category } : {}),
    ...(patch.price !== undefined ? { priceAmount: patch.price.amount, currency: patch.price.currency } : {}),
    ...(patch.imageUrl !== undefined ? { imageUrl: patch.imageUrl || null } : {}),
    ...(patch.attributes !== undefined ? { attributes: patch.attributes } : {}),
    updatedAt: deps.clock.now(),
  };
  await deps.store.updateProduct(next);
  return toProduct(next, await deps.inventory.availableIfReachable([next.id]));
}

/**
 * Takes one of the seller's products off the shop: it leaves lists, search, suggestions and related
 * products, cannot be bought any more, and stays readable by id for the orders that hold it.
 */
export async function deleteSellerProduct(deps: CatalogDeps, seller: Principal, productId: string): Promise<void> {
  const product = await ownProduct(deps, seller, productId);
  await deps.store.deleteProduct(product, deps.clock.now());
}
