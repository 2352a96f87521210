import { EntitySchema } from '@mikro-orm/postgresql';

/** Who placed an order: payment events name only the order, so their notifications find the user here. */
export interface OrderOwner {
  orderId: string;
  userId: string;
}

export const OrderOwnerSchema = new EntitySchema<OrderOwner>({
  name: 'OrderOwner',
  tableName: 'order_owners',
  properties: {
    orderId: { type: 'uuid', primary: true, fieldName: 'order_id' },
    userId: { type: 'uuid', fieldName: 'user_id' },
  },
});
