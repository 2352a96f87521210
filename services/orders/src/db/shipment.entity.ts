import { EntitySchema } from '@mikro-orm/postgresql';
import type { ShipmentStatus } from '@shopmesh/contracts';

/** One seller's shipment of an order. */
export interface ShipmentRecord {
  orderId: string;
  sellerId: string;
  status: ShipmentStatus;
  carrier?: string | null;
  trackingNumber?: string | null;
  shippedAt?: Date | null;
  deliveredAt?: Date | null;
  createdAt: Date;
}

export const ShipmentSchema = new EntitySchema<ShipmentRecord>({
  name: 'Shipment',
  tableName: 'shipments',
  properties: {
    orderId: { type: 'uuid', primary: true, fieldName: 'order_id' },
    sellerId: { type: 'uuid', primary: true, fieldName: 'seller_id' },
    status: { type: 'string' },
    carrier: { type: 'string', nullable: true },
    trackingNumber: { type: 'string', fieldName: 'tracking_number', nullable: true },
    shippedAt: { type: 'Date', fieldName: 'shipped_at', nullable: true },
    deliveredAt: { type: 'Date', fieldName: 'delivered_at', nullable: true },
    createdAt: { type: 'Date', fieldName: 'created_at' },
  },
});
