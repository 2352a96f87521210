/**
 * The cart app on in-memory fakes for route tests: its state in memory, the catalog answered from a
 * fixed product table, tokens from a fake verifier. No host, no database, no other service.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { SCARCE_PRODUCT_ID, type ProductLookupItem } from '@shopmesh/contracts';
import { systemClock, type Clock, type InvokeRequest, type Role } from '@shopmesh/platform';
import {
  acceptFakeAppToken,
  createFakeRuntime,
  createFakeVerifier,
  createMemoryStateStore,
  fakeInternalHeaders,
  silentLogger,
  type FakeReply,
} from '@shopmesh/platform/testing';
import { createApp } from '../src/app';
import { createCartIdSigner } from '../src/domain/cart-id-signer';
import { cartSubscriptions } from '../src/events/subscriptions';

const product = (id: string, name: string, amount: number, available: number, sellerId: string): ProductLookupItem => ({
  id,
  sellerId,
  name,
  price: { amount, currency: 'USD' },
  available,
});
const SELLER_A = '00000000-0000-4000-8000-00000000a001';
const SELLER_B = '00000000-0000-4000-8000-00000000b001';

/** Plenty in stock, seller A. */
export const LAMP = product('00000000-0000-4000-8000-000000000101', 'Desk lamp', 2599, 40, SELLER_A);
/** Plenty in stock, seller B. */
export const MUG = product('00000000-0000-4000-8000-000000000102', 'Mug', 1200, 40, SELLER_B);
/** The seeded scarce product: 5 units. */
export const SCARCE = product(SCARCE_PRODUCT_ID, 'Last few', 9900, 5, SELLER_A);
const PRODUCTS = [LAMP, MUG, SCARCE];

/** Catalog's product lookup, the one call cart makes. */
function fakeCatalog(appId: string, req: InvokeRequest): FakeReply | undefined {
  if (appId !== 'catalog' || req.method !== 'POST' || req.path !== '/internal/products/lookup') return undefined;
  const { ids } = req.body as { ids: string[] };
  return { body: ids.flatMap((id) => PRODUCTS.filter((p) => p.id === id)) };
}

/** A cart app over fresh in-memory state; `api` presents the app token, as other services do. */
export function cartApp(clock: Clock = systemClock) {
  const state = createMemoryStateStore();
  const runtime = createFakeRuntime({ appId: 'cart', state, invoke: fakeCatalog });
  const auth = createFakeVerifier();
  const cart = createApp({
    runtime,
    verifier: auth.verifier,
    logger: silentLogger(),
    clock,
    ttlSeconds: 3600,
    currency: 'USD',
    cartIds: createCartIdSigner(randomBytes(32)),
  });
  const app = acceptFakeAppToken(cart.app);
  return {
    api: request.agent(app.callback()).set(fakeInternalHeaders),
    /** The events cart consumes, over the same state. */
    subscriptions: cartSubscriptions(cart),
    /** A new user of `role` (or with the given id) and their Authorization header. */
    user(role: Role = 'customer', id: string = randomUUID()) {
      return { id, auth: auth.bearer({ id, email: `${id}@example.com`, role }) };
    },
  };
}
