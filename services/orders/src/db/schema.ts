import type { ServiceDatabase } from '@shopmesh/platform';
import { CreateOrders } from './migrations/001-create-orders';
import { AddPaymentMethod } from './migrations/002-payment-method';
import { RenameCompensationSteps } from './migrations/003-compensation-steps';
import { AddShipmentsAndCancel } from './migrations/004-shipments-and-cancel';
import { AddPromoDiscount } from './migrations/005-promo-discount';
import { OrderLineSchema, OrderSchema, TimelineSchema } from './order.entity';
import { ShipmentSchema } from './shipment.entity';

/** The orders tables: the entities the queries use and their migrations. */
export const ordersDatabase: ServiceDatabase = {
  entities: [OrderSchema, OrderLineSchema, TimelineSchema, ShipmentSchema],
  migrations: [
    { name: '001-create-orders', class: CreateOrders },
    { name: '002-payment-method', class: AddPaymentMethod },
    { name: '003-compensation-steps', class: RenameCompensationSteps },
    { name: '004-shipments-and-cancel', class: AddShipmentsAndCancel },
    { name: '005-promo-discount', class: AddPromoDiscount },
  ],
};
