import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, client, guestCart } from '../api';
import { ApiError } from '../api/client';
import { useCartStore } from './cart';

const lamp = { id: '5ca4ce00-0000-4000-8000-000000000001', name: 'Brass Desk Lamp', price: { amount: 4900, currency: 'EUR' } };
const mug = { id: '5ca4ce00-0000-4000-8000-000000000002', name: 'Stoneware Mug', price: { amount: 1500, currency: 'EUR' } };
const serverCart = (lines: { productId: string; name: string; quantity: number; unit: number }[]) => ({
  userId: '1d000000-0000-4000-8000-000000000001',
  lines: lines.map((l) => ({
    productId: l.productId,
    sellerId: '1d000000-0000-4000-8000-000000000002',
    name: l.name,
    quantity: l.quantity,
    unitPrice: { amount: l.unit, currency: 'EUR' },
    lineTotal: { amount: l.unit * l.quantity, currency: 'EUR' },
    addedAt: '2026-01-01T00:00:00.000Z',
  })),
  subtotal: { amount: lines.reduce((n, l) => n + l.unit * l.quantity, 0), currency: 'EUR' },
  itemCount: lines.reduce((n, l) => n + l.quantity, 0),
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const signedIn = () =>
  vi.spyOn(client, 'session').mockReturnValue({
    accessToken: 'a',
    refreshToken: 'r',
    expiresAt: Date.now() + 60_000,
    user: { id: 'u', email: 'e', name: 'n', role: 'customer', createdAt: '' },
  });

describe('useCartStore', () => {
  beforeEach(() => {
    localStorage.clear();
    client.signOut();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    setActivePinia(createPinia());
  });

  it("when a guest adds a product, then the server's guest cart answers, and its signed id is kept and sent again", async () => {
    const seen: (string | null)[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        seen.push(new Headers(init.headers).get('x-cart-id'));
        return new Response(JSON.stringify(serverCart([{ productId: lamp.id, name: lamp.name, quantity: 2, unit: 4900 }])), {
          status: 200,
          headers: { 'content-type': 'application/json', 'x-cart-id': 'guest-1.sig' },
        });
      }),
    );
    const cart = useCartStore();

    await cart.add(lamp, 2);
    await cart.add(lamp, 1);

    expect(cart.itemCount).toBe(2);
    expect(cart.subtotal).toEqual({ amount: 2 * 4900, currency: 'EUR' });
    expect(seen).toEqual([null, 'guest-1.sig']);
    expect(guestCart.id()).toBe('guest-1.sig');
  });

  it('when a guest signs in, then the guest cart is merged on the server, its id forgotten and a line that did not make it is named', async () => {
    localStorage.setItem('shopmesh.guest-cart-id', 'guest-1.sig');
    const cart = useCartStore();
    vi.spyOn(api.cart, 'get').mockResolvedValue(
      serverCart([
        { productId: lamp.id, name: lamp.name, quantity: 2, unit: 4900 },
        { productId: mug.id, name: mug.name, quantity: 1, unit: 1500 },
      ]),
    );
    await cart.load();
    signedIn();
    const merge = vi.spyOn(api.cart, 'merge').mockResolvedValue(serverCart([{ productId: lamp.id, name: lamp.name, quantity: 3, unit: 4900 }]));

    const dropped = await cart.mergeGuestCart();

    expect(merge).toHaveBeenCalledWith('guest-1.sig');
    expect(dropped).toEqual([mug.name]);
    expect(cart.itemCount).toBe(3);
    expect(guestCart.id()).toBeNull();
  });

  it('when the shop is down during the merge, then the guest cart id is kept for the next try', async () => {
    localStorage.setItem('shopmesh.guest-cart-id', 'guest-1.sig');
    const cart = useCartStore();
    signedIn();
    vi.spyOn(api.cart, 'merge').mockRejectedValue(new ApiError(0, 'offline'));

    await expect(cart.mergeGuestCart()).rejects.toMatchObject({ status: 0 });
    expect(guestCart.id()).toBe('guest-1.sig');
  });
});
