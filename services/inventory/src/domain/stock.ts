import type { Stock, StockLookup, StockUpdate } from '@shopmesh/contracts';
import type { InventoryDeps, StockRow } from './ports';
import { checkOnHand, crossesLowStock } from './stock-rules';

export function toStock(row: StockRow): Stock {
  return {
    productId: row.productId,
    sellerId: row.sellerId,
    onHand: row.onHand,
    reserved: row.reserved,
    available: row.available,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Sets the units on hand of a product (creating its stock row), never below what is reserved. */
export async function setStock(deps: InventoryDeps, productId: string, update: StockUpdate): Promise<Stock> {
  const now = deps.clock.now();
  const { lowStockThreshold } = deps.settings;
  const row = await deps.store.transaction(async (tx) => {
    const created = await tx.ensureStock(productId, update.sellerId, now);
    const before = await tx.lockStock(productId);
    checkOnHand(update.onHand, before?.reserved ?? 0);
    const after = await tx.writeStock(productId, update.sellerId, update.onHand, now);
    await tx.recordMovement({ productId, kind: 'set', onHandDelta: after.onHand - (before?.onHand ?? 0), reservedDelta: 0, after });
    if (crossesLowStock(created ? undefined : before?.available, after.available, lowStockThreshold)) {
      tx.recordStockLow({ productId, available: after.available, threshold: lowStockThreshold });
    }
    return after;
  });
  return toStock(row);
}

/** Availability per requested product, in request order, duplicates collapsed; unknown products have 0. */
export async function lookupStock(deps: InventoryDeps, productIds: string[]): Promise<StockLookup[]> {
  const unique = [...new Set(productIds)];
  const available = await deps.store.available(unique);
  return unique.map((productId) => ({ productId, available: available.get(productId) ?? 0 }));
}
