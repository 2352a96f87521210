import { EntitySchema } from '@mikro-orm/postgresql';
import type { StockRow } from '../domain/ports';

export const StockSchema = new EntitySchema<StockRow>({
  name: 'Stock',
  tableName: 'stock',
  properties: {
    productId: { type: 'uuid', primary: true, fieldName: 'product_id' },
    sellerId: { type: 'uuid', fieldName: 'seller_id' },
    onHand: { type: 'integer', fieldName: 'on_hand' },
    reserved: { type: 'integer' },
    available: { type: 'integer', generated: '(on_hand - reserved) stored' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
  },
});
