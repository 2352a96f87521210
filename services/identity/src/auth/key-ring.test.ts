import { openTestDatabase, type TestDatabase } from '@shopmesh/platform/testing';
import { identityDatabase } from '../db/schema';
import { createSigningKeyStore } from '../db/signing-key-store';
import { loadKeyRing } from './key-ring';

let db: TestDatabase;

beforeAll(async () => {
  db = await openTestDatabase('identity', identityDatabase);
});
afterAll(() => db.close());

describe('signing key ring', () => {
  it('when no secret is configured, then a key is generated once and reloaded on the next start', async () => {
    const store = createSigningKeyStore(db.orm);

    const first = await loadKeyRing(undefined, store, new Date());
    const second = await loadKeyRing(undefined, store, new Date());

    expect(second.active.kid).toBe(first.active.kid);
    expect(second.jwks.keys).toEqual([expect.objectContaining({ kid: first.active.kid, kty: 'RSA' })]);
    expect(await store.all()).toHaveLength(1);
  });
});
