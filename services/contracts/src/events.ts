import { z } from 'zod';
import { Money, text } from './common';

/** Topic names of every domain event. */
export const Topics = {
  userRegistered: 'identity.user-registered',
  productChanged: 'catalog.product-changed',
  stockLow: 'inventory.stock-low',
  orderPlaced: 'orders.order-placed',
  orderConfirmed: 'orders.order-confirmed',
  orderCancelled: 'orders.order-cancelled',
  orderShipped: 'orders.order-shipped',
  orderDelivered: 'orders.order-delivered',
  paymentActionRequired: 'orders.payment-action-required',
  reviewPosted: 'catalog.review-posted',
  paymentAuthorized: 'payments.payment-authorized',
  paymentFailed: 'payments.payment-failed',
  paymentRefunded: 'payments.payment-refunded',
} as const;

/** identity.user-registered */
export const UserRegistered = z.object({ userId: z.uuid(), email: text(), name: text(), role: z.enum(['customer', 'seller', 'admin']) });
export type UserRegistered = z.infer<typeof UserRegistered>;

/** catalog.product-changed */
export const ProductChanged = z.object({ productId: z.uuid(), sellerId: z.uuid(), change: z.enum(['created', 'updated', 'deleted']) });
export type ProductChanged = z.infer<typeof ProductChanged>;

/** catalog.review-posted: a shopper reviewed a seller's product (the seller is notified). */
export const ReviewPosted = z.object({
  reviewId: z.uuid(),
  productId: z.uuid(),
  productName: text(),
  sellerId: z.uuid(),
  rating: z.number().int().min(1).max(5),
  title: text().nullable(),
  authorName: text(),
});
export type ReviewPosted = z.infer<typeof ReviewPosted>;

/** inventory.stock-low */
export const StockLow = z.object({ productId: z.uuid(), available: z.number().int().min(0), threshold: z.number().int().min(0) });
export type StockLow = z.infer<typeof StockLow>;

const OrderLineEvent = z.object({ productId: z.uuid(), sellerId: z.uuid(), name: text(), quantity: z.number().int().min(1), unitPrice: Money });

/** orders.order-placed */
export const OrderPlaced = z.object({ orderId: z.uuid(), userId: z.uuid(), total: Money, items: z.array(OrderLineEvent) });
export type OrderPlaced = z.infer<typeof OrderPlaced>;

/** orders.order-confirmed */
export const OrderConfirmed = z.object({ orderId: z.uuid(), userId: z.uuid(), total: Money, items: z.array(OrderLineEvent) });
export type OrderConfirmed = z.infer<typeof OrderConfirmed>;

/** orders.order-cancelled; `code` says why (a CancelReason), `reason` reads it out. */
export const OrderCancelled = z.object({ orderId: z.uuid(), userId: z.uuid(), reason: text(), code: text().optional() });
export type OrderCancelled = z.infer<typeof OrderCancelled>;

/**
 * orders.order-shipped: one seller's shipment left with its carrier; `orderStatus` is `SHIPPED` once
 * every shipment of the order has.
 */
export const OrderShipped = z.object({
  orderId: z.uuid(),
  userId: z.uuid(),
  sellerId: z.uuid().optional(),
  carrier: text().optional(),
  trackingNumber: text().optional(),
  orderStatus: text().optional(),
});
export type OrderShipped = z.infer<typeof OrderShipped>;

/** orders.order-delivered: one seller's shipment arrived; `orderStatus` is `DELIVERED` once every one has. */
export const OrderDelivered = z.object({ orderId: z.uuid(), userId: z.uuid(), sellerId: z.uuid(), orderStatus: text() });
export type OrderDelivered = z.infer<typeof OrderDelivered>;

/** orders.payment-action-required: the card needs the shopper's approval at `approvePath` before `expiresAt`. */
export const PaymentActionRequired = z.object({ orderId: z.uuid(), userId: z.uuid(), approvePath: text(), expiresAt: z.iso.datetime().optional() });
export type PaymentActionRequired = z.infer<typeof PaymentActionRequired>;

/** payments.payment-authorized */
export const PaymentAuthorized = z.object({ paymentId: z.uuid(), orderId: z.uuid(), amount: Money });
export type PaymentAuthorized = z.infer<typeof PaymentAuthorized>;

/** payments.payment-failed */
export const PaymentFailed = z.object({ orderId: z.uuid(), reason: text() });
export type PaymentFailed = z.infer<typeof PaymentFailed>;

/** payments.payment-refunded */
export const PaymentRefunded = z.object({ paymentId: z.uuid(), orderId: z.uuid(), amount: Money });
export type PaymentRefunded = z.infer<typeof PaymentRefunded>;
