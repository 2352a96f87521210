import { startTestShop, type TestShop } from '@shopmesh/platform/testing';
import { createSigningKeyStore } from '../db/signing-key-store';
import { identityService } from '../service';
import { loadKeyRing } from './key-ring';

let shop: TestShop;

beforeAll(async () => {
  shop = await startTestShop([identityService]);
});
afterAll(() => shop.close());

describe('signing key ring', () => {
  it('when no secret is configured, then a key is generated once and reloaded on the next start', async () => {
    const store = createSigningKeyStore(shop.orm('identity'));

    const first = await loadKeyRing(undefined, store, new Date());
    const second = await loadKeyRing(undefined, store, new Date());

    expect(second.active.kid).toBe(first.active.kid);
    expect(second.jwks.keys).toEqual([expect.objectContaining({ kid: first.active.kid, kty: 'RSA' })]);
    expect(await store.all()).toHaveLength(1);
  });
});
