import { EntitySchema } from '@mikro-orm/postgresql';
import type { SellerRecord } from '../domain/ports';

export const SellerSchema = new EntitySchema<SellerRecord>({
  name: 'Seller',
  tableName: 'sellers',
  properties: {
    id: { type: 'uuid', primary: true },
    displayName: { type: 'string', fieldName: 'display_name' },
    rating: { type: 'double', nullable: true },
  },
});
