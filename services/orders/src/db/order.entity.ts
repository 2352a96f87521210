import { EntitySchema } from '@mikro-orm/postgresql';
import type { Address, CancelReason, CheckoutStep, Money, OrderStatus, StepOutcome } from '@shopmesh/contracts';

/** An order row; lines and timeline live in their own tables. */
export interface OrderRecord {
  id: string;
  userId: string;
  idempotencyKey: string;
  requestHash: string;
  status: OrderStatus;
  cancelReason?: string;
  cancelCode?: CancelReason;
  /** Set when the shopper asked to cancel while the saga ran; the saga then cancels instead of confirming. */
  cancelRequestedAt?: Date;
  /** What was charged: the lines' sum less the discount. */
  totalAmount: number;
  currency: string;
  /** The promo code the order was placed with (unnamed on orders from before codes were kept), and what it took off. */
  promoCode?: string;
  discountAmount: number;
  shippingAddress: Address;
  paymentLast4: string;
  paymentMethod: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A line of an order. */
export interface OrderLineRecord {
  orderId: string;
  lineNo: number;
  productId: string;
  sellerId: string;
  name: string;
  quantity: number;
  unitPrice: Money;
}

/** One step on an order's timeline; a step is recorded once however often its activity reruns. */
export interface TimelineRecord {
  orderId: string;
  step: CheckoutStep;
  /** The seller a per-shipment step is about; '' for steps of the whole order. */
  ref: string;
  outcome: StepOutcome;
  detail?: string;
  at: Date;
}

export const OrderSchema = new EntitySchema<OrderRecord>({
  name: 'Order',
  tableName: 'orders',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid', fieldName: 'user_id' },
    idempotencyKey: { type: 'string', fieldName: 'idempotency_key' },
    requestHash: { type: 'string', fieldName: 'request_hash' },
    status: { type: 'string' },
    cancelReason: { type: 'string', fieldName: 'cancel_reason', nullable: true },
    cancelCode: { type: 'string', fieldName: 'cancel_code', nullable: true },
    cancelRequestedAt: { type: 'Date', fieldName: 'cancel_requested_at', nullable: true },
    totalAmount: { type: 'bigint', fieldName: 'total_amount', runtimeType: 'number' } as never,
    currency: { type: 'string' },
    promoCode: { type: 'string', fieldName: 'promo_code', nullable: true },
    discountAmount: { type: 'bigint', fieldName: 'discount_amount', runtimeType: 'number' } as never,
    shippingAddress: { type: 'json', fieldName: 'shipping_address' },
    paymentLast4: { type: 'string', fieldName: 'payment_last4' },
    paymentMethod: { type: 'uuid', fieldName: 'payment_method' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
  },
});

export const OrderLineSchema = new EntitySchema<OrderLineRecord>({
  name: 'OrderLine',
  tableName: 'order_lines',
  properties: {
    orderId: { type: 'uuid', primary: true, fieldName: 'order_id' },
    lineNo: { type: 'number', primary: true, fieldName: 'line_no' },
    productId: { type: 'uuid', fieldName: 'product_id' },
    sellerId: { type: 'uuid', fieldName: 'seller_id' },
    name: { type: 'string' },
    quantity: { type: 'number' },
    unitPrice: { type: 'json', fieldName: 'unit_price' },
  },
});

export const TimelineSchema = new EntitySchema<TimelineRecord>({
  name: 'TimelineEntry',
  tableName: 'order_timeline',
  properties: {
    orderId: { type: 'uuid', primary: true, fieldName: 'order_id' },
    step: { type: 'string', primary: true },
    ref: { type: 'string', primary: true },
    outcome: { type: 'string' },
    detail: { type: 'string', nullable: true },
    at: { type: 'Date' },
  },
});
