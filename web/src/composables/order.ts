import type { Order } from '@shopmesh/contracts';

/** Whether the shopper may still cancel: while the saga runs, and once confirmed until a parcel leaves. The API has the last word. */
export function canCancel(order: Pick<Order, 'status' | 'shipments'>): boolean {
  if (order.status === 'PENDING') return true;
  return order.status === 'CONFIRMED' && (order.shipments ?? []).every((s) => s.status === 'CONFIRMED');
}
