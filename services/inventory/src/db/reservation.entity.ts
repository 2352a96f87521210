import { EntitySchema } from '@mikro-orm/postgresql';
import type { ReservationRow } from '../domain/ports';

export const ReservationSchema = new EntitySchema<ReservationRow>({
  name: 'Reservation',
  tableName: 'reservations',
  properties: {
    orderId: { type: 'uuid', primary: true, fieldName: 'order_id' },
    productId: { type: 'uuid', primary: true, fieldName: 'product_id' },
    quantity: { type: 'integer' },
    status: { type: 'string' },
    expiresAt: { type: 'Date', fieldName: 'expires_at' },
  },
});
