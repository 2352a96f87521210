import { z } from 'zod';
import { Id, Money, PageQuery, page, text } from './common';

/**
 * Id of the seeded product that starts with exactly 5 units in stock; the end-to-end test of many
 * concurrent buyers uses it.
 */
export const SCARCE_PRODUCT_ID = '5ca4ce00-0000-4000-8000-000000000005';

/** A category slug: lower-case words joined by hyphens. */
export const Slug = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');

/** Orders of the product list; `relevance` ranks by the search text and falls back to `newest` without `q`. */
export const ProductSort = z.enum(['relevance', 'price_asc', 'price_desc', 'newest', 'name']);
export type ProductSort = z.infer<typeof ProductSort>;

/**
 * Search modes: `keyword` (PostgreSQL full-text with stemming and prefixes, plus name substrings),
 * `semantic` (nearest products by embedding), `hybrid` (both, fused by reciprocal rank).
 */
export const SearchMode = z.enum(['keyword', 'semantic', 'hybrid']);
export type SearchMode = z.infer<typeof SearchMode>;

const Price = z.coerce.number().int('must be an integer amount in minor units').min(0);

/** `GET /products` query: keyword search, filters, sort and page (strings coerced). */
export const ProductQuery = PageQuery.extend({
  q: text().trim().max(200).optional(),
  mode: SearchMode.default('keyword'),
  category: Slug.optional(),
  minPrice: Price.optional(),
  maxPrice: Price.optional(),
  sort: ProductSort.default('relevance'),
  /** Only products whose average review rating is at least this (unrated products are left out). */
  minRating: z.coerce.number().min(1).max(5).optional(),
});
export type ProductQuery = z.infer<typeof ProductQuery>;

/** A product's review rating: the average of its stars (null before the first review) and how many there are. */
export const ProductRating = z.object({ average: z.number().min(1).max(5).nullable(), count: z.number().int().min(0) });
export type ProductRating = z.infer<typeof ProductRating>;

/**
 * A product as lists show it; `available` is null when inventory could not be asked. `imageUrl` is the
 * seller's image, or the catalog's generated placeholder (`/api/v1/products/:id/image`) when there is none.
 */
export const ProductSummary = z.object({
  id: Id,
  sellerId: Id,
  name: text(),
  slug: text(),
  category: text(),
  price: Money,
  imageUrl: text(),
  available: z.number().int().min(0).nullable(),
  rating: ProductRating,
});
export type ProductSummary = z.infer<typeof ProductSummary>;

/**
 * A product with everything the product page shows. `discontinued` is true once its seller deleted it:
 * it is no longer listed or sold (available 0), but past orders still link to it.
 */
export const Product = ProductSummary.extend({
  discontinued: z.boolean(),
  description: text(),
  attributes: z.record(text(), z.union([text(), z.number(), z.boolean()])),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Product = z.infer<typeof Product>;

/** How many matching products each category holds (counted without the category filter). */
export const CategoryFacet = z.object({ slug: text(), count: z.number().int().min(0) });
export type CategoryFacet = z.infer<typeof CategoryFacet>;

/** How many matching products cost from `min` up to (not including) `max`, in minor units; the last has no `max`. */
export const PriceFacet = z.object({ min: z.number().int().min(0), max: z.number().int().nullable(), count: z.number().int().min(0) });
export type PriceFacet = z.infer<typeof PriceFacet>;

/** `GET /products` answer; `degraded` is true when semantic ranking was unavailable and keyword ranking answered. */
export const ProductPage = page(ProductSummary).extend({
  facets: z.object({ categories: z.array(CategoryFacet), prices: z.array(PriceFacet) }),
  mode: SearchMode,
  degraded: z.boolean(),
});
export type ProductPage = z.infer<typeof ProductPage>;

/** `GET /products/suggest` query: what the shopper has typed so far. */
export const SuggestQuery = z.object({ q: z.string().trim().min(1).max(100) });
export type SuggestQuery = z.infer<typeof SuggestQuery>;

/** One autocomplete suggestion: a product (with its id) or a category (with its slug). */
export const Suggestion = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('product'), id: Id, text: z.string() }),
  z.object({ kind: z.literal('category'), slug: z.string(), text: z.string() }),
]);
export type Suggestion = z.infer<typeof Suggestion>;

/** `GET /products/suggest` answer: up to 8 suggestions, best first. */
export const SuggestionList = z.object({ items: z.array(Suggestion).max(8) });
export type SuggestionList = z.infer<typeof SuggestionList>;

/** `GET /products/:id/related` query. */
export const RelatedQuery = z.object({ limit: z.coerce.number().int().min(1).max(24).default(8) });
export type RelatedQuery = z.infer<typeof RelatedQuery>;

/** `GET /products/:id/related` answer: nearest products by meaning, other sellers' in-stock items first. */
export const RelatedProducts = z.object({ items: z.array(ProductSummary) });
export type RelatedProducts = z.infer<typeof RelatedProducts>;

/** Path params of `/products/:id` and `/seller/products/:id/...`. */
export const ProductParams = z.object({ id: Id });
export type ProductParams = z.infer<typeof ProductParams>;

/** A product category with the number of products in it. */
export const Category = z.object({
  slug: text(),
  name: text(),
  description: text(),
  productCount: z.number().int().min(0),
});
export type Category = z.infer<typeof Category>;

/** `GET /categories` answer. */
export const CategoryList = z.object({ items: z.array(Category) });
export type CategoryList = z.infer<typeof CategoryList>;

/** Path params of `/categories/:slug`. */
export const CategoryParams = z.object({ slug: Slug });
export type CategoryParams = z.infer<typeof CategoryParams>;

/** A seller's public profile; `rating` (0..5) is null until rated. */
export const Seller = z.object({
  id: Id,
  displayName: text(),
  rating: z.number().min(0).max(5).nullable(),
  productCount: z.number().int().min(0),
});
export type Seller = z.infer<typeof Seller>;

/** Path params of `/sellers/:id`. */
export const SellerParams = z.object({ id: Id });
export type SellerParams = z.infer<typeof SellerParams>;

/** `GET /sellers/:id` query: the page of the seller's products shown with the profile. */
export const SellerProfileQuery = PageQuery;
export type SellerProfileQuery = z.infer<typeof SellerProfileQuery>;

/**
 * `GET /sellers/:id` answer: the public profile with the number of reviews its `rating` averages over
 * (the seeded rating stands until the first review) and a page of the seller's products, newest first.
 */
export const SellerProfile = Seller.extend({ reviewCount: z.number().int().min(0), products: page(ProductSummary) });
export type SellerProfile = z.infer<typeof SellerProfile>;

/** A product attribute's value as sellers set it. */
const AttributeValue = z.union([text().max(200), z.number(), z.boolean()]);

/** A product image: an http(s) URL, or empty for the catalog's generated placeholder. */
const ImageUrl = text()
  .trim()
  .max(2000)
  .refine((v) => v === '' || (/^https?:\/\//i.test(v) && URL.canParse(v)), 'must be an http(s) URL, or empty for the generated image');

/**
 * `POST /seller/products`: a new product of the caller. Prices are minor units below one million in
 * the currency's major unit; `stock` (default 0) is set in inventory before the product is listed.
 */
export const ProductDraft = z.object({
  name: text().trim().min(1).max(200),
  description: text().max(5000).optional(),
  category: Slug,
  price: z.object({
    amount: z.number().int('must be an integer amount in minor units').min(0).max(99_999_999),
    currency: text().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
  }),
  imageUrl: ImageUrl.optional(),
  attributes: z
    .record(text().min(1).max(50), AttributeValue)
    .refine((a) => Object.keys(a).length <= 20, 'must have at most 20 attributes')
    .optional(),
  stock: z.number().int().min(0).max(1_000_000).optional(),
});
export type ProductDraft = z.infer<typeof ProductDraft>;

/** `PATCH /seller/products/:id`: the fields to change (stock has its own endpoint); at least one. */
export const ProductPatch = ProductDraft.omit({ stock: true })
  .partial()
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'must change at least one field');
export type ProductPatch = z.infer<typeof ProductPatch>;

/** A shopper's review of a product; `verifiedPurchase` when they have a confirmed (or delivered) order of it. */
export const Review = z.object({
  id: Id,
  productId: Id,
  authorName: text(),
  rating: z.number().int().min(1).max(5),
  title: text().nullable(),
  body: text(),
  verifiedPurchase: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Review = z.infer<typeof Review>;

/** `GET /products/:id/reviews` query. */
export const ReviewQuery = PageQuery;
export type ReviewQuery = z.infer<typeof ReviewQuery>;

/** `GET /products/:id/reviews` answer: newest first, with the product's rating. */
export const ReviewPage = page(Review).extend({ rating: ProductRating });
export type ReviewPage = z.infer<typeof ReviewPage>;

/** `POST /products/:id/reviews`: one per shopper and product; a second is a 409. */
export const CreateReviewRequest = z.object({
  rating: z.number().int('must be a whole number of stars').min(1).max(5),
  title: text().trim().max(120).optional(),
  body: text().trim().min(1).max(4000),
});
export type CreateReviewRequest = z.infer<typeof CreateReviewRequest>;

/** `GET /products/:id/bought-together` query. */
export const BoughtTogetherQuery = z.object({ limit: z.coerce.number().int().min(1).max(24).default(8) });
export type BoughtTogetherQuery = z.infer<typeof BoughtTogetherQuery>;

/** `GET /products/:id/bought-together` answer: products most often in the same confirmed orders, most often first. */
export const BoughtTogether = z.object({ items: z.array(ProductSummary) });
export type BoughtTogether = z.infer<typeof BoughtTogether>;

/** `GET /seller/products` query. */
export const SellerProductQuery = PageQuery;
export type SellerProductQuery = z.infer<typeof SellerProductQuery>;

/** `GET /seller/products` answer: the caller's own products. */
export const SellerProductPage = page(ProductSummary);
export type SellerProductPage = z.infer<typeof SellerProductPage>;

/** `PUT /seller/products/:id/stock`: the units the seller has on hand; answered with the stock level. */
export const SetStockRequest = z.object({ quantity: z.number().int().min(0).max(1_000_000) });
export type SetStockRequest = z.infer<typeof SetStockRequest>;

/** `POST /internal/products/lookup`: products by id for cart and orders (up to 100). */
export const ProductLookupRequest = z.object({ ids: z.array(Id).min(1).max(100) });
export type ProductLookupRequest = z.infer<typeof ProductLookupRequest>;

/** What cart and orders need of a product: owner, name, current price and availability. */
export const ProductLookupItem = z.object({
  id: Id,
  sellerId: Id,
  name: text(),
  price: Money,
  available: z.number().int().min(0),
});
export type ProductLookupItem = z.infer<typeof ProductLookupItem>;

/** Found products in request order; unknown ids are left out. */
export const ProductLookupResponse = z.array(ProductLookupItem);
export type ProductLookupResponse = z.infer<typeof ProductLookupResponse>;
