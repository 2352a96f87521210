import type { Product, ProductLookupItem, ProductSummary } from '@shopmesh/contracts';
import type { ProductRecord } from './ports';

/** Availability is null when inventory could not be asked, 0 when it does not know the product. */
function availableOf(product: ProductRecord, stock: Map<string, number> | undefined): number | null {
  return stock ? (stock.get(product.id) ?? 0) : null;
}

export function toSummary(product: ProductRecord, stock: Map<string, number> | undefined): ProductSummary {
  return {
    id: product.id,
    sellerId: product.sellerId,
    name: product.name,
    slug: product.slug,
    category: product.category,
    price: { amount: product.priceAmount, currency: product.currency },
    imageUrl: product.imageUrl,
    available: availableOf(product, stock),
  };
}

export function toProduct(product: ProductRecord, stock: Map<string, number> | undefined): Product {
  return {
    ...toSummary(product, stock),
    description: product.description,
    attributes: product.attributes,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

export function toLookupItem(product: ProductRecord, stock: Map<string, number>): ProductLookupItem {
  return {
    id: product.id,
    sellerId: product.sellerId,
    name: product.name,
    price: { amount: product.priceAmount, currency: product.currency },
    available: stock.get(product.id) ?? 0,
  };
}
