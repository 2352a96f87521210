import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openTestStateStore } from '@shopmesh/platform/testing';
import { createStateCartStore } from '../../src/db/cart-store';

const run = promisify(execFile);
const REPLICA = join(__dirname, 'cart-replica.ts');
const PER_REPLICA = 10;

// Two processes share no memory, so only the store's own create-if-absent and etag checks can keep
// their writes to one cart from overwriting each other. On the integration tier the store is Redis.
describe('cart replicas in two processes', () => {
  it('when two processes add lines to one new cart at once, then no line is lost', async () => {
    const schema = `cart_replicas_${randomBytes(4).toString('hex')}`;
    const userId = randomUUID();
    const products = Array.from({ length: 2 * PER_REPLICA }, () => randomUUID());
    const replica = (ids: string[]) =>
      run(process.execPath, ['--import', 'tsx', REPLICA], {
        env: { ...process.env, REPLICA_SCHEMA: schema, REPLICA_USER: userId, REPLICA_PRODUCTS: ids.join(',') },
      });

    const outputs = await Promise.all([replica(products.slice(0, PER_REPLICA)), replica(products.slice(PER_REPLICA))]);

    expect(outputs.map((o) => JSON.parse(o.stdout) as { added: number })).toEqual([{ added: PER_REPLICA }, { added: PER_REPLICA }]);
    const { state, close } = await openTestStateStore('cart', schema);
    const stored = await createStateCartStore(state, 3600).get(userId);
    await close();
    expect(stored?.cart.lines.map((l) => l.productId).sort()).toEqual([...products].sort());
  }, 120_000);
});
