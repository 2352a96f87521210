import { z } from 'zod';
import { Address, Id, Money, page, text } from './common';
import { CardDetails } from './payments';

/** Lifecycle of an order. */
export const OrderStatus = z.enum(['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** POST /orders body: a saved address by id, or an address given inline. */
export const PlaceOrderRequest = z
  .object({ addressId: Id.optional(), shippingAddress: Address.optional(), payment: CardDetails })
  .refine((b) => (b.addressId === undefined) !== (b.shippingAddress === undefined), {
    message: 'give exactly one of addressId or shippingAddress',
    path: ['shippingAddress'],
  });
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

/** The Idempotency-Key header POST /orders requires. */
export const IdempotencyKeyHeader = z.object({
  'idempotency-key': text().min(8, 'must be at least 8 characters').max(200),
});

/** 202 answer of POST /orders. */
export const PlaceOrderResponse = z.object({ id: Id, status: OrderStatus });
export type PlaceOrderResponse = z.infer<typeof PlaceOrderResponse>;

/** A line of an order with the price it was bought at. */
export const OrderLine = z.object({ productId: Id, sellerId: Id, name: text(), quantity: z.number().int().min(1), unitPrice: Money, lineTotal: Money });
export type OrderLine = z.infer<typeof OrderLine>;

/** Every step the checkout saga records on an order's timeline, in roughly the order they happen. */
export const CheckoutStep = z.enum([
  'placed',
  'stock-reserved',
  'stock-unavailable',
  'payment-authorized',
  'payment-action-required',
  'payment-approval-timed-out',
  'payment-declined',
  'payment-voided',
  'payment-void-failed',
  'stock-released',
  'stock-release-failed',
  'confirmed',
  'stock-committed',
  'stock-commit-failed',
  'cart-cleared',
  'cart-not-cleared',
  'cart-not-released',
  'cancel-requested',
  'cancelled',
  'payment-refunded',
  'payment-refund-failed',
  'stock-returned',
  'stock-return-failed',
  'shipment-shipped',
  'shipped',
  'shipment-delivered',
  'delivered',
]);
export type CheckoutStep = z.infer<typeof CheckoutStep>;
/** Every step of an order's life on its timeline: the saga's, then cancellation and fulfilment. */
export const OrderStep = CheckoutStep;
export type OrderStep = CheckoutStep;

/** How a step went: done, failed, waiting for the shopper, or just worth knowing. */
export const StepOutcome = z.enum(['ok', 'failed', 'waiting', 'info']);
export type StepOutcome = z.infer<typeof StepOutcome>;

/** Why an order was cancelled; `cancelReason` on the order reads it out with its detail. */
export const CancelReason = z.enum([
  'out-of-stock',
  'stock-not-reserved',
  'payment-declined',
  'payment-not-authorized',
  'payment-failed',
  'payment-approval-timed-out',
  'confirmation-failed',
  'cancelled-by-shopper',
]);
export type CancelReason = z.infer<typeof CancelReason>;

/** One recorded step of the order; `sellerId` names the shipment a fulfilment step is about. */
export const TimelineEntry = z.object({
  step: CheckoutStep,
  outcome: StepOutcome,
  detail: text().optional(),
  sellerId: Id.optional(),
  at: z.iso.datetime(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/**
 * One seller's part of an order. A confirmed order is split into one shipment per seller, each
 * `CONFIRMED` (ready to ship) -> `SHIPPED` (carrier, tracking number) -> `DELIVERED`, or `CANCELLED`
 * with the order.
 */
export const ShipmentStatus = z.enum(['CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED']);
export type ShipmentStatus = z.infer<typeof ShipmentStatus>;

/** A shipment as the shopper sees it on the order. */
export const Shipment = z.object({
  sellerId: Id,
  status: ShipmentStatus,
  carrier: text().nullable(),
  trackingNumber: text().nullable(),
  shippedAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
});
export type Shipment = z.infer<typeof Shipment>;

/** An order as its owner sees it. */
export const Order = z.object({
  id: Id,
  userId: Id,
  status: OrderStatus,
  cancelReason: text().optional(),
  /** Why the order was cancelled, as a code (`cancelReason` reads it out with its detail). */
  cancelCode: CancelReason.optional(),
  items: z.array(OrderLine),
  /** What was charged: the items' sum less `discount`. */
  total: Money,
  /** What a promo code took off, with the code's name (absent on orders from before names were kept). */
  discount: z.object({ code: text().optional(), amount: Money }).optional(),
  shippingAddress: Address,
  payment: z.object({ last4: text(), status: text().optional() }),
  /** One per seller once the order is confirmed. */
  shipments: z.array(Shipment).optional(),
  timeline: z.array(TimelineEntry),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Order = z.infer<typeof Order>;

/** A row of GET /orders. */
export const OrderSummary = Order.pick({ id: true, status: true, total: true, createdAt: true, cancelReason: true }).extend({ itemCount: z.number().int() });
export type OrderSummary = z.infer<typeof OrderSummary>;

/** GET /orders answer. */
export const OrderPage = page(OrderSummary);
export type OrderPage = z.infer<typeof OrderPage>;

/** Path params naming an order. */
export const OrderParams = z.object({ id: Id });

/** 202 answer of `POST /orders/:id/cancel` and `/payment/approve`: the order and its status now. */
export const OrderStatusResponse = z.object({ id: Id, status: OrderStatus });
export type OrderStatusResponse = z.infer<typeof OrderStatusResponse>;

/**
 * A seller's view of an order: only that seller's lines, the shipping address and the seller's
 * shipment. `id` is the order's id; `status` is the shipment's (`CONFIRMED` while it waits to ship).
 */
export const SellerOrder = z.object({
  id: Id,
  orderId: Id,
  status: OrderStatus,
  orderStatus: OrderStatus,
  items: z.array(OrderLine),
  total: Money,
  shippingAddress: Address,
  carrier: text().nullable(),
  trackingNumber: text().nullable(),
  shippedAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type SellerOrder = z.infer<typeof SellerOrder>;

/** `GET /seller/orders` answer, newest first. */
export const SellerOrderPage = page(SellerOrder);
export type SellerOrderPage = z.infer<typeof SellerOrderPage>;

/** `POST /seller/orders/:id/ship`: the carrier and its tracking number, each 1 to 100 characters. */
export const ShipRequest = z.object({
  carrier: text().trim().min(1, 'must not be empty').max(100),
  trackingNumber: text()
    .trim()
    .min(1, 'must not be empty')
    .max(100)
    .regex(/^[A-Za-z0-9 -]+$/, 'letters, digits, spaces and dashes only'),
});
export type ShipRequest = z.infer<typeof ShipRequest>;
