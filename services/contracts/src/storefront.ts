import { z } from 'zod';
import { Id, Money, page } from './common';
import { OrderStatus, TimelineEntry } from './orders';
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

// The seller's order view is the orders service's own schema now.
export { SellerOrder, SellerOrderPage, ShipRequest } from './orders';

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
