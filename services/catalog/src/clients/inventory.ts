import { Stock, StockLookupResponse, type StockUpdate } from '@shopmesh/contracts';
import type { Logger, Runtime } from '@shopmesh/platform';
import type { InventoryPort } from '../domain/ports';

/** The inventory service reached through service invocation. */
export function createInventoryClient(invoke: Runtime['invoke'], logger: Logger): InventoryPort {
  const available = async (productIds: string[]): Promise<Map<string, number>> => {
    const rows = await invoke.json('inventory', { method: 'POST', path: '/internal/stock/lookup', body: { productIds } }, StockLookupResponse);
    return new Map(rows.map((r) => [r.productId, r.available]));
  };

  return {
    available,
    async availableIfReachable(productIds) {
      try {
        return await available(productIds);
      } catch (err) {
        logger.warn({ err }, 'inventory lookup failed; answering without availability');
        return undefined;
      }
    },
    setStock(productId, sellerId, onHand) {
      const body: StockUpdate = { sellerId, onHand };
      return invoke.json('inventory', { method: 'PUT', path: `/internal/stock/${productId}`, body }, Stock);
    },
  };
}
