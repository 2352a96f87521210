import type { Category } from '@shopmesh/contracts';
import type { ProductRecord, ReviewView, SellerWithReviews } from '../domain/ports';

/** Schema-qualified table names: PGlite shares one session (and search_path) between all services. */
export interface CatalogTables {
  products: string;
  categories: string;
  sellers: string;
  reviews: string;
  people: string;
  purchaseLines: string;
}

export function catalogTables(schema: string): CatalogTables {
  const q = (table: string) => `"${schema}".${table}`;
  return {
    products: q('products'),
    categories: q('categories'),
    sellers: q('sellers'),
    reviews: q('reviews'),
    people: q('people'),
    purchaseLines: q('purchase_lines'),
  };
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
  image_url: string | null;
  attributes: ProductRecord['attributes'];
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
  rating_count: number;
  rating_total: number;
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
  review_count: number;
}

export interface ReviewRow {
  id: string;
  product_id: string;
  user_id: string;
  author_name: string;
  rating: number;
  title: string | null;
  body: string;
  created_at: Date | string;
  verified_purchase: boolean;
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
  deletedAt: r.deleted_at === null ? null : new Date(r.deleted_at),
  ratingCount: r.rating_count,
  ratingTotal: r.rating_total,
});

export const toCategory = (r: CategoryRow): Category => ({
  slug: r.slug,
  name: r.name,
  description: r.description,
  productCount: r.product_count,
});

export const toSeller = (r: SellerRow): SellerWithReviews => ({
  id: r.id,
  displayName: r.display_name,
  rating: r.rating === null ? null : Math.round(r.rating * 10) / 10,
  productCount: r.product_count,
  reviewCount: r.review_count,
});

export const toReview = (r: ReviewRow): ReviewView => ({
  id: r.id,
  productId: r.product_id,
  userId: r.user_id,
  authorName: r.author_name,
  rating: r.rating,
  title: r.title,
  body: r.body,
  createdAt: new Date(r.created_at),
  verifiedPurchase: r.verified_purchase,
});
