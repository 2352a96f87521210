import type { Order } from '@shopmesh/contracts';
import { describe, expect, it } from 'vitest';
import { canCancel, promoDiscount } from './order';

type Shipments = NonNullable<Order['shipments']>;
const shipment = (status: Shipments[number]['status']): Shipments[number] => ({
  sellerId: '00000000-0000-4000-8000-000000000001',
  status,
  carrier: status === 'CONFIRMED' ? null : 'DHL',
  trackingNumber: status === 'CONFIRMED' ? null : 'TRK-1',
  shippedAt: null,
  deliveredAt: null,
});
const usd = (amount: number) => ({ amount, currency: 'USD' });
const line = (amount: number) => ({
  productId: '00000000-0000-4000-8000-000000000002',
  sellerId: '00000000-0000-4000-8000-000000000001',
  name: 'Mug',
  quantity: 1,
  unitPrice: usd(amount),
  lineTotal: usd(amount),
});

describe('order facts the order page shows', () => {
  it('when no parcel has left, then the order can be cancelled; once one ships or the order is final, it cannot', () => {
    expect(canCancel({ status: 'PENDING' })).toBe(true);
    expect(canCancel({ status: 'CONFIRMED', shipments: [shipment('CONFIRMED'), shipment('CONFIRMED')] })).toBe(true);
    expect(canCancel({ status: 'CONFIRMED', shipments: [shipment('CONFIRMED'), shipment('SHIPPED')] })).toBe(false);
    expect(canCancel({ status: 'SHIPPED', shipments: [shipment('SHIPPED')] })).toBe(false);
    expect(canCancel({ status: 'CANCELLED' })).toBe(false);
  });

  it('when the charged total is below the lines, then the difference is the promo discount; otherwise there is none', () => {
    expect(promoDiscount({ items: [line(5000), line(1000)], total: usd(5400) })).toEqual(usd(600));
    expect(promoDiscount({ items: [line(5000)], total: usd(5000) })).toBeUndefined();
  });
});
