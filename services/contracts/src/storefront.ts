import { z } from 'zod';
import { Address, Id, Money, page } from './common';
import { OrderLine, OrderStatus, TimelineEntry } from './orders';
import { ProductSummary } from './catalog';

/*
 * Shapes of public endpoints that ARCHITECTURE.md documents and other branches are building (search
 * modes and suggest, reviews, related and bought-together, seller product writes and orders, promo
 * codes, admin). The storefront is built against them now; when a service lands its own schema, that
 * schema replaces the one here. Not re-exported from the index, so the names cannot clash on merge:
 * import from '@shopmesh/contracts/src/storefront'.
 */

/** Every search mode the storefront offers; the catalog answers 400/503 for modes it does not run yet. */
export const StorefrontSearchMode = z.enum(['keyword', 'semantic', 'hybrid']);
export type StorefrontSearchMode = z.infer<typeof StorefrontSearchMode>;

/** `GET /products/suggest?q` answer. */
export const SuggestionList = z.object({ items: z.array(z.object({ id: Id, name: z.string(), category: z.string().optional() })) });
export type SuggestionList = z.infer<typeof SuggestionList>;

/** `GET /products/:id/related` and `/bought-together` answer. */
export const ProductList = z.object({ items: z.array(ProductSummary) });
export type ProductList = z.infer<typeof ProductList>;

/** A review of a product; `verified` when the author bought it. */
export const Review = z.object({
  id: Id,
  productId: Id,
  authorName: z.string(),
  rating: z.number().int().min(1).max(5),
  title: z.string().optional(),
  body: z.string(),
  verified: z.boolean().optional(),
  createdAt: z.iso.datetime(),
});
export type Review = z.infer<typeof Review>;

/** `GET /products/:id/reviews` answer, with the product's average rating. */
export const ReviewPage = page(Review).extend({ averageRating: z.number().min(0).max(5).nullable().optional() });
export type ReviewPage = z.infer<typeof ReviewPage>;

/** `POST /products/:id/reviews` */
export const CreateReviewRequest = z.object({
  rating: z.number().int().min(1).max(5),
  title: z.string().max(120).optional(),
  body: z.string().min(1).max(4000),
});
export type CreateReviewRequest = z.infer<typeof CreateReviewRequest>;

/** `POST /seller/products` and (all optional) `PATCH /seller/products/:id`. */
export const ProductDraft = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000),
  category: z.string().min(1),
  price: Money,
  imageUrl: z.string().max(2000),
});
export type ProductDraft = z.infer<typeof ProductDraft>;

/** A seller's part of an order: one shipment. */
export const SellerOrder = z.object({
  id: Id,
  orderId: Id.optional(),
  status: OrderStatus,
  items: z.array(OrderLine),
  shippingAddress: Address.optional(),
  carrier: z.string().nullable().optional(),
  trackingNumber: z.string().nullable().optional(),
  createdAt: z.iso.datetime(),
});
export type SellerOrder = z.infer<typeof SellerOrder>;

/** `GET /seller/orders` answer. */
export const SellerOrderPage = page(SellerOrder);
export type SellerOrderPage = z.infer<typeof SellerOrderPage>;

/** `POST /seller/orders/:id/ship` */
export const ShipRequest = z.object({ carrier: z.string().trim().min(1).max(100), trackingNumber: z.string().trim().min(1).max(100) });
export type ShipRequest = z.infer<typeof ShipRequest>;

/** An event that exhausted its deliveries. */
export const DeadLetter = z.object({
  id: z.string(),
  topic: z.string(),
  subscriber: z.string().optional(),
  error: z.string().optional(),
  attempts: z.number().int().optional(),
  failedAt: z.iso.datetime().optional(),
  data: z.unknown().optional(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

/** `GET /admin/dead-letters` answer. */
export const DeadLetterList = z.object({ items: z.array(DeadLetter) });
export type DeadLetterList = z.infer<typeof DeadLetterList>;

/** A row of `GET /admin/orders`: an order with its saga timeline. */
export const AdminOrder = z.object({
  id: Id,
  userId: Id.optional(),
  status: OrderStatus,
  total: Money,
  cancelReason: z.string().optional(),
  timeline: z.array(TimelineEntry),
  createdAt: z.iso.datetime(),
});
export type AdminOrder = z.infer<typeof AdminOrder>;

/** `GET /admin/orders` answer. */
export const AdminOrderPage = page(AdminOrder);
export type AdminOrderPage = z.infer<typeof AdminOrderPage>;
