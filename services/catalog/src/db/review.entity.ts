import { EntitySchema } from '@mikro-orm/postgresql';
import type { OrderLineSeen, ReviewRecord } from '../domain/ports';

export const ReviewSchema = new EntitySchema<ReviewRecord>({
  name: 'Review',
  tableName: 'reviews',
  properties: {
    id: { type: 'uuid', primary: true },
    productId: { type: 'uuid', fieldName: 'product_id' },
    userId: { type: 'uuid', fieldName: 'user_id' },
    authorName: { type: 'text', fieldName: 'author_name' },
    rating: { type: 'smallint' },
    title: { type: 'text', nullable: true },
    body: { type: 'text' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
  },
});

/** A shopper's registered name, as reviews show it. */
export const PersonSchema = new EntitySchema<{ userId: string; displayName: string }>({
  name: 'Person',
  tableName: 'people',
  properties: {
    userId: { type: 'uuid', primary: true, fieldName: 'user_id' },
    displayName: { type: 'text', fieldName: 'display_name' },
  },
});

/** One product line of a confirmed order, as the catalog learned it from orders' events. */
export const PurchaseLineSchema = new EntitySchema<OrderLineSeen>({
  name: 'PurchaseLine',
  tableName: 'purchase_lines',
  properties: {
    orderId: { type: 'uuid', primary: true, fieldName: 'order_id' },
    productId: { type: 'uuid', primary: true, fieldName: 'product_id' },
    userId: { type: 'uuid', fieldName: 'user_id' },
    confirmedAt: { type: 'Date', fieldName: 'confirmed_at' },
    cancelledAt: { type: 'Date', fieldName: 'cancelled_at', nullable: true },
  },
});
