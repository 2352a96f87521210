import type { Cart, Money, ProductSummary } from '@shopmesh/contracts';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { api, guestCart } from '../api';
import { ApiError } from '../api/client';

/** A line as the cart shows it. */
export interface CartViewLine {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
}

/**
 * The cart, always the server's: a signed-in shopper's own, or for a guest the cart service's guest
 * cart by its signed id, which is merged into the shopper's cart at sign-in.
 */
export const useCartStore = defineStore('cart', () => {
  const server = shallowRef<Cart | null>(null);
  const isLoading = ref(false);
  const error = shallowRef<ApiError>();
  const drawerOpen = ref(false);

  const lines = computed<CartViewLine[]>(() =>
    (server.value?.lines ?? []).map((l) => ({ productId: l.productId, name: l.name, quantity: l.quantity, unitPrice: l.unitPrice, lineTotal: l.lineTotal })),
  );
  const itemCount = computed(() => server.value?.itemCount ?? 0);
  const subtotal = computed<Money>(() => server.value?.subtotal ?? { amount: 0, currency: 'EUR' });

  async function run(action: () => Promise<Cart | void>): Promise<void> {
    isLoading.value = true;
    error.value = undefined;
    try {
      const cart = await action();
      if (cart) server.value = cart;
    } catch (err) {
      error.value = err instanceof ApiError ? err : new ApiError(0, String(err));
      throw error.value;
    } finally {
      isLoading.value = false;
    }
  }

  async function load() {
    await run(() => api.cart.get());
  }

  async function add(product: Pick<ProductSummary, 'id' | 'name' | 'price'>, quantity: number) {
    await run(() => api.cart.add(product.id, quantity));
  }

  async function update(productId: string, quantity: number) {
    await run(() => api.cart.update(productId, quantity));
  }

  async function remove(productId: string) {
    await run(() => api.cart.remove(productId));
  }

  async function applyPromo(code: string) {
    await run(() => api.cart.applyPromo(code));
  }

  async function removePromo() {
    await run(() => api.cart.removePromo());
  }

  /**
   * After sign-in: moves this browser's guest cart into the shopper's on the server and names the
   * guest lines that did not make it (sold out, gone). A failure keeps the guest cart for the next try.
   */
  async function mergeGuestCart(): Promise<string[]> {
    const guestId = guestCart.id();
    const before = server.value?.lines ?? [];
    if (!guestId) {
      await load().catch(() => undefined);
      return [];
    }
    const merged = await api.cart.merge(guestId);
    guestCart.forget();
    server.value = merged;
    return before.filter((l) => !merged.lines.some((m) => m.productId === l.productId)).map((l) => l.name);
  }

  function reset() {
    server.value = null;
    drawerOpen.value = false;
  }

  return { server, lines, itemCount, subtotal, isLoading, error, drawerOpen, load, add, update, remove, applyPromo, removePromo, mergeGuestCart, reset };
});
