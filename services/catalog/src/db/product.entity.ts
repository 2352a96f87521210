import { EntitySchema } from '@mikro-orm/postgresql';
import type { ProductRecord } from '../domain/ports';

export const ProductSchema = new EntitySchema<ProductRecord>({
  name: 'Product',
  tableName: 'products',
  properties: {
    id: { type: 'uuid', primary: true },
    sellerId: { type: 'uuid', fieldName: 'seller_id' },
    name: { type: 'string' },
    slug: { type: 'string', unique: true },
    description: { type: 'text' },
    category: { type: 'string' },
    priceAmount: { type: 'integer', fieldName: 'price_amount' },
    currency: { type: 'string', length: 3 },
    imageUrl: { type: 'string', fieldName: 'image_url', nullable: true },
    attributes: { type: 'json' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
    deletedAt: { type: 'Date', fieldName: 'deleted_at', nullable: true },
    ratingCount: { type: 'integer', fieldName: 'rating_count' },
    ratingTotal: { type: 'integer', fieldName: 'rating_total' },
  },
});
