import { Stock, StockLookupResponse, type StockUpdate } from '@shopmesh/contracts';
import type { Logger, Runtime } from '@shopmesh/platform';
import type { CallMeta, InventoryPort } from './domain/ports';

const headersOf = (meta: CallMeta = {}): Record<string, string> => (meta.traceparent ? { traceparent: meta.traceparent } : {});

/** The inventory service reached through service invocation. */
export function createInventoryClient(invoke: Runtime['invoke'], logger: Logger): InventoryPort {
  const available = async (productIds: string[], meta?: CallMeta): Promise<Map<string, number>> => {
    const rows = await invoke.json(
      'inventory',
      { method: 'POST', path: '/internal/stock/lookup', headers: headersOf(meta), body: { productIds } },
      StockLookupResponse,
    );
    return new Map(rows.map((r) => [r.productId, r.available]));
  };

  return {
    available,
    async availableIfReachable(productIds, meta) {
      try {
        return await available(productIds, meta);
      } catch (err) {
        logger.warn({ err }, 'inventory lookup failed; answering without availability');
        return undefined;
      }
    },
    setStock(productId, sellerId, onHand, meta) {
      const body: StockUpdate = { sellerId, onHand };
      return invoke.json('inventory', { method: 'PUT', path: `/internal/stock/${productId}`, headers: headersOf(meta), body }, Stock);
    },
  };
}
