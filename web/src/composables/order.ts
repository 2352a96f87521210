import type { Money, Order } from '@shopmesh/contracts';

/** Whether the shopper may still cancel: while the saga runs, and once confirmed until a parcel leaves. The API has the last word. */
export function canCancel(order: Pick<Order, 'status' | 'shipments'>): boolean {
  if (order.status === 'PENDING') return true;
  return order.status === 'CONFIRMED' && (order.shipments ?? []).every((s) => s.status === 'CONFIRMED');
}

/** What a promo code took off: the order's total is what was charged, its lines what they cost. */
export function promoDiscount(order: Pick<Order, 'items' | 'total'>): Money | undefined {
  const lines = order.items.reduce((sum, l) => sum + l.lineTotal.amount, 0);
  return lines > order.total.amount ? { amount: lines - order.total.amount, currency: order.total.currency } : undefined;
}
