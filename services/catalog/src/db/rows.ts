import type { Category, Seller } from '@shopmesh/contracts';
import type { ProductRecord } from '../domain/ports';

/** Schema-qualified table names: PGlite shares one session (and search_path) between all services. */
export interface CatalogTables {
  products: string;
  categories: string;
  sellers: string;
}

export function catalogTables(schema: string): CatalogTables {
  return { products: `"${schema}".products`, categories: `"${schema}".categories`, sellers: `"${schema}".sellers` };
}

/** Column shapes of the catalog's SQL and their mappers. */
export interface ProductRow {
  id: string;
  seller_id: string;
  name: string;
  slug: string;
  description: string;
  category: string;
  price_amount: number;
  currency: string;
  image_url: string;
  attributes: ProductRecord['attributes'];
  created_at: Date | string;
  updated_at: Date | string;
}

export interface CategoryRow {
  slug: string;
  name: string;
  description: string;
  product_count: number;
}

export interface SellerRow {
  id: string;
  display_name: string;
  rating: number | null;
  product_count: number;
}

export const toProductRecord = (r: ProductRow): ProductRecord => ({
  id: r.id,
  sellerId: r.seller_id,
  name: r.name,
  slug: r.slug,
  description: r.description,
  category: r.category,
  priceAmount: r.price_amount,
  currency: r.currency,
  imageUrl: r.image_url,
  attributes: r.attributes,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export const toCategory = (r: CategoryRow): Category => ({
  slug: r.slug,
  name: r.name,
  description: r.description,
  productCount: r.product_count,
});

export const toSeller = (r: SellerRow): Seller => ({
  id: r.id,
  displayName: r.display_name,
  rating: r.rating,
  productCount: r.product_count,
});
