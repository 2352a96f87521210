import type { ServiceDatabase } from '@shopmesh/platform';
import { OrderLineSchema, OrderSchema, ShipmentSchema, TimelineSchema } from './entities';
import { migrations } from './migrations';

/** The orders tables: the entities the queries use and their migrations. */
export const ordersDatabase: ServiceDatabase = { entities: [OrderSchema, OrderLineSchema, TimelineSchema, ShipmentSchema], migrations };
