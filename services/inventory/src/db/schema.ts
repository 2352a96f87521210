import type { ServiceDatabase } from '@shopmesh/platform';
import { InventoryTables001 } from './migrations/001-inventory-tables';
import { ReturnedStock002 } from './migrations/002-returned-stock';
import { ReservationSchema } from './reservation.entity';
import { StockMovementSchema } from './stock-movement.entity';
import { StockSchema } from './stock.entity';

/** The inventory's tables and their migrations. */
export const inventoryDatabase: ServiceDatabase = {
  entities: [StockSchema, ReservationSchema, StockMovementSchema],
  migrations: [
    { name: '001-inventory-tables', class: InventoryTables001 },
    { name: '002-returned-stock', class: ReturnedStock002 },
  ],
};
