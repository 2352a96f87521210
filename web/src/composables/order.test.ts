import type { Order } from '@shopmesh/contracts';
import { describe, expect, it } from 'vitest';
import { canCancel } from './order';

type Shipments = NonNullable<Order['shipments']>;
const shipment = (status: Shipments[number]['status']): Shipments[number] => ({
  sellerId: '00000000-0000-4000-8000-000000000001',
  status,
  carrier: status === 'CONFIRMED' ? null : 'DHL',
  trackingNumber: status === 'CONFIRMED' ? null : 'TRK-1',
  shippedAt: null,
  deliveredAt: null,
});

describe('order facts the order page shows', () => {
  it('when no parcel has left, then the order can be cancelled; once one ships or the order is final, it cannot', () => {
    expect(canCancel({ status: 'PENDING' })).toBe(true);
    expect(canCancel({ status: 'CONFIRMED', shipments: [shipment('CONFIRMED'), shipment('CONFIRMED')] })).toBe(true);
    expect(canCancel({ status: 'CONFIRMED', shipments: [shipment('CONFIRMED'), shipment('SHIPPED')] })).toBe(false);
    expect(canCancel({ status: 'SHIPPED', shipments: [shipment('SHIPPED')] })).toBe(false);
    expect(canCancel({ status: 'CANCELLED' })).toBe(false);
  });
});
