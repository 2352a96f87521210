import { CartClaim, type CartClaimRequest } from '@shopmesh/contracts';
import { retryTransient, type Invoker } from '@shopmesh/platform';
import { z } from 'zod';

/** The cart service as orders uses it. */
export interface CartClient {
  /**
   * Takes the shopper's unclaimed cart lines for an order at the cart's current version; the same
   * idempotency key answers its earlier claim. A 409 `cart-already-ordered` when another order holds them.
   */
  claim(userId: string, request: CartClaimRequest): Promise<CartClaim>;
  /** The order is confirmed: exactly its claimed quantities leave the cart. */
  completeClaim(userId: string, orderId: string): Promise<void>;
  /** The order was cancelled: its lines stay in the cart for the shopper. */
  releaseClaim(userId: string, orderId: string): Promise<void>;
}

export function cartClient(invoke: Invoker): CartClient {
  // Saga steps: a cart service that is restarting is retried (both calls are idempotent).
  const post = (path: string) => retryTransient(() => invoke.json('cart', { method: 'POST', path }, z.unknown()));
  return {
    claim: (userId, request) => invoke.json('cart', { method: 'POST', path: `/internal/carts/${userId}/claims`, body: request }, CartClaim),
    async completeClaim(userId, orderId) {
      await post(`/internal/carts/${userId}/claims/${orderId}/complete`);
    },
    async releaseClaim(userId, orderId) {
      await post(`/internal/carts/${userId}/claims/${orderId}/release`);
    },
  };
}
