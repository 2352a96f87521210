import { EntitySchema } from '@mikro-orm/postgresql';
import type { MovementKind } from '../domain/ports';

/** One audit row per stock change, with the levels it left behind. */
export interface StockMovementRow {
  id: string;
  productId: string;
  orderId?: string;
  kind: MovementKind;
  onHandDelta: number;
  reservedDelta: number;
  onHandAfter: number;
  reservedAfter: number;
  createdAt: Date;
}

export const StockMovementSchema = new EntitySchema<StockMovementRow>({
  name: 'StockMovement',
  tableName: 'stock_movements',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    productId: { type: 'uuid', fieldName: 'product_id' },
    orderId: { type: 'uuid', fieldName: 'order_id', nullable: true },
    kind: { type: 'string' },
    onHandDelta: { type: 'integer', fieldName: 'on_hand_delta' },
    reservedDelta: { type: 'integer', fieldName: 'reserved_delta' },
    onHandAfter: { type: 'integer', fieldName: 'on_hand_after' },
    reservedAfter: { type: 'integer', fieldName: 'reserved_after' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
  },
});
