import type { CancelReason, CheckoutStep, OrderStatus, ShipmentStatus, ShipRequest, StepOutcome } from '@shopmesh/contracts';
import { conflict, notFound } from '@shopmesh/platform';

/** The head of an order as a transaction locks it. */
export interface LockedOrder {
  id: string;
  userId: string;
  status: OrderStatus;
  cancelCode?: CancelReason | undefined;
}

/** One seller's shipment as stored. */
export interface ShipmentState {
  sellerId: string;
  status: ShipmentStatus;
}

/** The events a fulfilment or cancel step publishes through the outbox of its transaction. */
export type OrderEvent =
  | { topic: 'shipped'; data: { orderId: string; userId: string; sellerId: string; carrier: string; trackingNumber: string; orderStatus: OrderStatus } }
  | { topic: 'delivered'; data: { orderId: string; userId: string; sellerId: string; orderStatus: OrderStatus } }
  | { topic: 'cancelled'; data: { orderId: string; userId: string; reason: string; code: CancelReason } };

/**
 * What a fulfilment or cancel step may do inside one transaction that holds the order's row lock, so a
 * seller shipping and a shopper cancelling the same order are serialized.
 */
export interface OrderTx {
  lockOrder(orderId: string): Promise<LockedOrder | undefined>;
  shipments(orderId: string): Promise<ShipmentState[]>;
  updateShipment(orderId: string, sellerId: string, change: { status: ShipmentStatus; carrier?: string; trackingNumber?: string; at: Date }): Promise<void>;
  cancelShipments(orderId: string): Promise<void>;
  /** Moves the order from `from` to `to`; false when it was not in `from`. */
  setStatus(orderId: string, from: OrderStatus, to: OrderStatus, cancel?: { code: CancelReason; reason: string }): Promise<boolean>;
  recordStep(orderId: string, step: CheckoutStep, outcome: StepOutcome, detail?: string, sellerId?: string): Promise<void>;
  publish(event: OrderEvent): void;
}

/** Runs `work` in one transaction of the orders database. */
export type InOrderTx = <T>(work: (tx: OrderTx) => Promise<T>) => Promise<T>;

/** The seller's shipment of a live order; another seller's order (or none) is a 404 like a missing one. */
async function sellersShipment(
  tx: OrderTx,
  orderId: string,
  sellerId: string,
): Promise<{ order: LockedOrder; shipments: ShipmentState[]; mine: ShipmentState }> {
  const order = await tx.lockOrder(orderId);
  const shipments = order ? await tx.shipments(orderId) : [];
  const mine = shipments.find((s) => s.sellerId === sellerId);
  if (!order || !mine) throw notFound('Order');
  return { order, shipments, mine };
}

/**
 * A seller hands their shipment to a carrier. The order becomes SHIPPED when every shipment has left
 * (shipped or already delivered). Shipping twice, or a cancelled order, is a 409.
 */
export async function shipShipment(tx: OrderTx, orderId: string, sellerId: string, request: ShipRequest, now: Date): Promise<OrderStatus> {
  const { order, shipments, mine } = await sellersShipment(tx, orderId, sellerId);
  if (mine.status === 'CANCELLED') throw conflict('order-cancelled', `Order ${orderId} was cancelled; there is nothing to ship`);
  if (mine.status !== 'CONFIRMED') throw conflict('already-shipped', `Your shipment of order ${orderId} has shipped already`);

  await tx.updateShipment(orderId, sellerId, { status: 'SHIPPED', carrier: request.carrier, trackingNumber: request.trackingNumber, at: now });
  await tx.recordStep(orderId, 'shipment-shipped', 'ok', `${request.carrier} ${request.trackingNumber}`, sellerId);
  const allLeft = shipments.every((s) => s.sellerId === sellerId || s.status === 'SHIPPED' || s.status === 'DELIVERED');
  let status = order.status;
  if (allLeft && (await tx.setStatus(orderId, 'CONFIRMED', 'SHIPPED'))) {
    await tx.recordStep(orderId, 'shipped', 'ok');
    status = 'SHIPPED';
  }
  tx.publish({
    topic: 'shipped',
    data: { orderId, userId: order.userId, sellerId, carrier: request.carrier, trackingNumber: request.trackingNumber, orderStatus: status },
  });
  return status;
}

/** The seller's shipment arrived. The order becomes DELIVERED when every shipment has. Before shipping, or twice, is a 409. */
export async function deliverShipment(tx: OrderTx, orderId: string, sellerId: string, now: Date): Promise<OrderStatus> {
  const { order, shipments, mine } = await sellersShipment(tx, orderId, sellerId);
  if (mine.status === 'DELIVERED') throw conflict('already-delivered', `Your shipment of order ${orderId} was delivered already`);
  if (mine.status !== 'SHIPPED') throw conflict('not-shipped', `Your shipment of order ${orderId} has not shipped yet`);

  await tx.updateShipment(orderId, sellerId, { status: 'DELIVERED', at: now });
  await tx.recordStep(orderId, 'shipment-delivered', 'ok', undefined, sellerId);
  const allArrived = shipments.every((s) => s.sellerId === sellerId || s.status === 'DELIVERED');
  let status = order.status;
  if (allArrived && (await tx.setStatus(orderId, 'SHIPPED', 'DELIVERED'))) {
    await tx.recordStep(orderId, 'delivered', 'ok');
    status = 'DELIVERED';
  }
  tx.publish({ topic: 'delivered', data: { orderId, userId: order.userId, sellerId, orderStatus: status } });
  return status;
}

/** What a shopper's cancel of a confirmed order did. */
export type CancelOutcome = 'cancelled' | 'already-cancelled';

/**
 * Cancels a CONFIRMED order for its shopper while no shipment has left: the order and its shipments
 * become CANCELLED with the `cancelled-by-shopper` reason and the event, in one transaction. The
 * refund and restock follow (see the order-refund workflow). Shipped or delivered is a 409.
 */
export async function cancelConfirmedOrder(tx: OrderTx, orderId: string, reason: string): Promise<CancelOutcome> {
  const order = await tx.lockOrder(orderId);
  if (!order) throw notFound('Order');
  if (order.status === 'CANCELLED') {
    if (order.cancelCode === 'cancelled-by-shopper') return 'already-cancelled';
    throw conflict('order-cancelled', `Order ${orderId} was cancelled already`);
  }
  if (order.status === 'DELIVERED') throw conflict('order-delivered', `Order ${orderId} was delivered; it can no longer be cancelled`);
  const shipments = await tx.shipments(orderId);
  if (order.status === 'SHIPPED' || shipments.some((s) => s.status === 'SHIPPED' || s.status === 'DELIVERED')) {
    throw conflict('order-shipped', `Order ${orderId} has shipped; it can no longer be cancelled`);
  }
  if (!(await tx.setStatus(orderId, 'CONFIRMED', 'CANCELLED', { code: 'cancelled-by-shopper', reason }))) {
    throw conflict('order-not-cancellable', `Order ${orderId} cannot be cancelled now`);
  }
  await tx.cancelShipments(orderId);
  await tx.recordStep(orderId, 'cancelled', 'info', reason);
  tx.publish({ topic: 'cancelled', data: { orderId, userId: order.userId, reason, code: 'cancelled-by-shopper' } });
  return 'cancelled';
}
