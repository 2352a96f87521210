/**
 * One cart replica in a process of its own: opens its own connection to the shared state store and
 * adds each product in REPLICA_PRODUCTS (comma-separated ids) to REPLICA_USER's cart, all at once.
 * Prints the number of adds that succeeded.
 */
import { openTestStateStore } from '@shopmesh/platform/testing';
import { createCartService } from '../../src/domain/cart-service';
import { createStateCartStore } from '../../src/db/cart-store';

async function main(): Promise<void> {
  const [schema, userId, products] = [process.env.REPLICA_SCHEMA!, process.env.REPLICA_USER!, process.env.REPLICA_PRODUCTS!.split(',')];
  const { state, close } = await openTestStateStore('cart', schema);
  const carts = createCartService({
    store: createStateCartStore(state, 3600),
    catalog: {
      lookup: async (ids) =>
        ids.map((id) => ({
          id,
          sellerId: '00000000-0000-4000-8000-00000000000a',
          name: `Product ${id}`,
          price: { amount: 100, currency: 'USD' },
          available: 10,
        })),
    },
    clock: { now: () => new Date() },
    currency: 'USD',
  });
  const results = await Promise.allSettled(products.map((productId) => carts.add(userId, { productId, quantity: 1 }, undefined)));
  await close();
  process.stdout.write(`${JSON.stringify({ added: results.filter((r) => r.status === 'fulfilled').length })}\n`);
}

void main();
