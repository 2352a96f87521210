import { Cart } from '@shopmesh/contracts';
import { retryTransient, type Invoker } from '@shopmesh/platform';
import { z } from 'zod';

/** The cart service as orders uses it. */
export interface CartClient {
  /** The shopper's cart lines (product and quantity). */
  cartOf(userId: string): Promise<{ productId: string; quantity: number }[]>;
  /** Empties the shopper's cart after a confirmed checkout. */
  clearCart(userId: string): Promise<void>;
}

export function cartClient(invoke: Invoker): CartClient {
  return {
    async cartOf(userId) {
      const cart = await invoke.json('cart', { method: 'GET', path: `/internal/carts/${userId}` }, Cart);
      return cart.lines.map((line) => ({ productId: line.productId, quantity: line.quantity }));
    },
    async clearCart(userId) {
      // A saga step: a cart service that is restarting is retried (clearing twice is harmless).
      await retryTransient(() => invoke.json('cart', { method: 'POST', path: `/internal/carts/${userId}/clear` }, z.unknown()));
    },
  };
}
