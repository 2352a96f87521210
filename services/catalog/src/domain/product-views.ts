import type { Product, ProductLookupItem, ProductRating, ProductSummary } from '@shopmesh/contracts';
import type { ProductRecord } from './ports';

/** Where the gateway serves the catalog's drawn image of a product (the public API path). */
export const productImagePath = (id: string): string => `/api/v1/products/${id}/image`;

/** Availability is null when inventory could not be asked, 0 when it does not know the product or it is deleted. */
function availableOf(product: ProductRecord, stock: Map<string, number> | undefined): number | null {
  if (product.deletedAt) return 0;
  return stock ? (stock.get(product.id) ?? 0) : null;
}

/** The average of a product's stars to one decimal, null before its first review. */
export function ratingOf(product: Pick<ProductRecord, 'ratingCount' | 'ratingTotal'>): ProductRating {
  return {
    average: product.ratingCount > 0 ? Math.round((product.ratingTotal / product.ratingCount) * 10) / 10 : null,
    count: product.ratingCount,
  };
}

export function toSummary(product: ProductRecord, stock: Map<string, number> | undefined): ProductSummary {
  return {
    id: product.id,
    sellerId: product.sellerId,
    name: product.name,
    slug: product.slug,
    category: product.category,
    price: { amount: product.priceAmount, currency: product.currency },
    imageUrl: product.imageUrl ?? productImagePath(product.id),
    available: availableOf(product, stock),
    rating: ratingOf(product),
  };
}

export function toProduct(product: ProductRecord, stock: Map<string, number> | undefined): Product {
  return {
    ...toSummary(product, stock),
    discontinued: product.deletedAt !== null,
    description: product.description,
    attributes: product.attributes,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

/** What cart and orders see: a deleted product is still found (past orders) but has nothing to sell. */
export function toLookupItem(product: ProductRecord, stock: Map<string, number>): ProductLookupItem {
  return {
    id: product.id,
    sellerId: product.sellerId,
    name: product.name,
    price: { amount: product.priceAmount, currency: product.currency },
    available: product.deletedAt ? 0 : (stock.get(product.id) ?? 0),
  };
}
