import { z } from 'zod';
import { Money } from '@shopmesh/contracts';
import { isStaleState, type StateStore } from '@shopmesh/platform';
import { StaleCartError, type CartStore, type StoredCart } from '../domain/ports';

const StoredCartSchema: z.ZodType<StoredCart> = z.object({
  lines: z.array(
    z.object({
      productId: z.string(),
      sellerId: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      unitPrice: Money,
      addedAt: z.string(),
    }),
  ),
  updatedAt: z.string(),
  claims: z
    .array(
      z.object({
        orderId: z.string(),
        idempotencyKey: z.string(),
        version: z.string(),
        lines: z.array(z.object({ productId: z.string(), quantity: z.number().int() })),
        claimedAt: z.string(),
        placed: z.boolean().optional(),
      }),
    )
    .optional(),
  promoCode: z.string().optional(),
  lastOrderId: z.string().optional(),
});

/**
 * Carts in the runtime's state store under `cart:<userId>`, expiring `ttlSeconds` after the last write.
 * A cart's first write is create-if-absent and every later one carries the read etag, so two writers
 * (in this process or any replica) can never both win.
 */
export function createStateCartStore(state: StateStore, ttlSeconds: number): CartStore {
  const key = (userId: string) => `cart:${userId}`;
  const rethrow = (err: unknown): never => {
    throw isStaleState(err) ? new StaleCartError() : err;
  };
  return {
    async get(userId) {
      const entry = await state.get<unknown>(key(userId));
      return entry && { cart: StoredCartSchema.parse(entry.value), etag: entry.etag };
    },
    save: (userId, cart, etag) => state.save(key(userId), cart, { ttlSeconds, ...(etag === undefined ? { onlyIfAbsent: true } : { etag }) }).catch(rethrow),
    delete: (userId, etag) => state.delete(key(userId), etag === undefined ? {} : { etag }).catch(rethrow),
  };
}
