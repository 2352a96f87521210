import { z } from 'zod';
import { Address, Id, Money, page } from './common';
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
  'idempotency-key': z.string().min(8, 'must be at least 8 characters').max(200),
});

/** 202 answer of POST /orders. */
export const PlaceOrderResponse = z.object({ id: Id, status: OrderStatus });
export type PlaceOrderResponse = z.infer<typeof PlaceOrderResponse>;

/** A line of an order with the price it was bought at. */
export const OrderLine = z.object({ productId: Id, sellerId: Id, name: z.string(), quantity: z.number().int().min(1), unitPrice: Money, lineTotal: Money });
export type OrderLine = z.infer<typeof OrderLine>;

/** One recorded step of the checkout saga. */
export const TimelineEntry = z.object({
  step: z.string(),
  outcome: z.enum(['ok', 'failed', 'waiting', 'info']),
  detail: z.string().optional(),
  at: z.iso.datetime(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** An order as its owner sees it. */
export const Order = z.object({
  id: Id,
  userId: Id,
  status: OrderStatus,
  cancelReason: z.string().optional(),
  items: z.array(OrderLine),
  total: Money,
  shippingAddress: Address,
  payment: z.object({ last4: z.string(), status: z.string().optional() }),
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
