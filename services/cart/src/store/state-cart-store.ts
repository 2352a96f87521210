import { z } from 'zod';
import { Money } from '@shopmesh/contracts';
import { DomainError, type StateStore } from '@shopmesh/platform';
import { StaleCartError, type CartStore, type StoredCart } from '../domain/ports';
import { createKeyedMutex } from './keyed-mutex';

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
  promoCode: z.string().optional(),
});

const isEtagMismatch = (err: unknown): boolean => err instanceof DomainError && err.code === 'etag-mismatch';

/**
 * Carts in the runtime's state store under `cart:<userId>`, expiring `ttlSeconds` after the last write.
 * The state store has no insert-if-absent, so two first writes to a cart could both succeed; writes of
 * this process to one cart are therefore serialized, and ETags guard against other replicas.
 */
export function createStateCartStore(state: StateStore, ttlSeconds: number): CartStore {
  const key = (userId: string) => `cart:${userId}`;
  const mutex = createKeyedMutex();
  const rethrow = (err: unknown): never => {
    throw isEtagMismatch(err) ? new StaleCartError() : err;
  };
  return {
    async get(userId) {
      const entry = await state.get<unknown>(key(userId));
      return entry && { cart: StoredCartSchema.parse(entry.value), etag: entry.etag };
    },
    save: (userId, cart, etag) => state.save(key(userId), cart, { ttlSeconds, ...(etag === undefined ? {} : { etag }) }).catch(rethrow),
    delete: (userId, etag) => state.delete(key(userId), etag === undefined ? {} : { etag }).catch(rethrow),
    exclusive: (userId, work) => mutex.run(userId, work),
  };
}
