import type { Cart, Money, ProductSummary } from '@shopmesh/contracts';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { api, client } from '../api';
import { ApiError } from '../api/client';

/** A line as the cart shows it, whether the cart is the server's or a guest's. */
export interface CartViewLine {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
}

interface GuestLine {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: Money;
}

const GUEST_KEY = 'shopmesh.guest-cart';

function loadGuest(): GuestLine[] {
  try {
    const raw = localStorage.getItem(GUEST_KEY);
    return raw ? (JSON.parse(raw) as GuestLine[]) : [];
  } catch {
    return [];
  }
}

/**
 * The cart: the server's for a signed-in shopper; for a guest, lines kept in this browser that are
 * added to the server cart at sign-in (the API's signed guest carts are not there yet).
 */
export const useCartStore = defineStore('cart', () => {
  const server = shallowRef<Cart | null>(null);
  const guest = ref<GuestLine[]>(loadGuest());
  const isLoading = ref(false);
  const error = shallowRef<ApiError>();
  const drawerOpen = ref(false);

  const signedIn = () => client.session() !== null;
  const saveGuest = () => localStorage.setItem(GUEST_KEY, JSON.stringify(guest.value));

  const lines = computed<CartViewLine[]>(() =>
    server.value
      ? server.value.lines.map((l) => ({ productId: l.productId, name: l.name, quantity: l.quantity, unitPrice: l.unitPrice, lineTotal: l.lineTotal }))
      : guest.value.map((l) => ({ ...l, lineTotal: { amount: l.unitPrice.amount * l.quantity, currency: l.unitPrice.currency } })),
  );
  const itemCount = computed(() => lines.value.reduce((n, l) => n + l.quantity, 0));
  const subtotal = computed<Money>(
    () => server.value?.subtotal ?? { amount: lines.value.reduce((n, l) => n + l.lineTotal.amount, 0), currency: lines.value[0]?.unitPrice.currency ?? 'EUR' },
  );

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
    if (!signedIn()) {
      server.value = null;
      return;
    }
    await run(() => api.cart.get());
  }

  async function add(product: Pick<ProductSummary, 'id' | 'name' | 'price'>, quantity: number) {
    if (signedIn()) await run(() => api.cart.add(product.id, quantity));
    else {
      const line = guest.value.find((l) => l.productId === product.id);
      if (line) line.quantity = Math.min(99, line.quantity + quantity);
      else guest.value.push({ productId: product.id, name: product.name, quantity, unitPrice: product.price });
      saveGuest();
    }
  }

  async function update(productId: string, quantity: number) {
    if (signedIn()) await run(() => api.cart.update(productId, quantity));
    else {
      const line = guest.value.find((l) => l.productId === productId);
      if (line) line.quantity = quantity;
      saveGuest();
    }
  }

  async function remove(productId: string) {
    if (signedIn()) await run(() => api.cart.remove(productId));
    else {
      guest.value = guest.value.filter((l) => l.productId !== productId);
      saveGuest();
    }
  }

  async function applyPromo(code: string) {
    await run(() => api.cart.applyPromo(code));
  }

  /** Adds the guest's lines to the signed-in cart; a line the catalog refuses (gone, sold out) is dropped and named. */
  async function mergeGuestCart(): Promise<string[]> {
    const dropped: string[] = [];
    for (const line of guest.value) {
      try {
        server.value = await api.cart.add(line.productId, line.quantity);
      } catch (err) {
        if (!(err instanceof ApiError) || err.retryable) throw err;
        dropped.push(line.name);
      }
    }
    guest.value = [];
    saveGuest();
    await load().catch(() => undefined);
    return dropped;
  }

  function reset() {
    server.value = null;
    drawerOpen.value = false;
  }

  return { server, lines, itemCount, subtotal, isLoading, error, drawerOpen, load, add, update, remove, applyPromo, mergeGuestCart, reset };
});
