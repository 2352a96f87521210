import { EntitySchema } from '@mikro-orm/postgresql';

/** An `addresses` row. */
export interface AddressRecord {
  id: string;
  userId: string;
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
  createdAt: Date;
  updatedAt: Date;
}

export const AddressSchema = new EntitySchema<AddressRecord>({
  name: 'Address',
  tableName: 'addresses',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid', fieldName: 'user_id' },
    name: { type: 'string' },
    line1: { type: 'string' },
    line2: { type: 'string', nullable: true },
    city: { type: 'string' },
    region: { type: 'string', nullable: true },
    postalCode: { type: 'string', fieldName: 'postal_code' },
    country: { type: 'string' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
  },
});
