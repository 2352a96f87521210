import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, client } from '../api';
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

describe('useCartStore', () => {
  beforeEach(() => {
    localStorage.clear();
    client.signOut();
    setActivePinia(createPinia());
  });

  it('when a guest adds products, then the cart lives in the browser with its totals', async () => {
    const cart = useCartStore();
    await cart.add(lamp, 2);
    await cart.add(mug, 1);
    await cart.add(lamp, 1);

    expect(cart.itemCount).toBe(4);
    expect(cart.subtotal).toEqual({ amount: 3 * 4900 + 1500, currency: 'EUR' });
    expect(JSON.parse(localStorage.getItem('shopmesh.guest-cart')!)).toHaveLength(2);
  });

  it('when a guest signs in, then each line is added to the server cart and a refused one is named, not fatal', async () => {
    const cart = useCartStore();
    await cart.add(lamp, 2);
    await cart.add(mug, 1);
    vi.spyOn(client, 'session').mockReturnValue({
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: Date.now() + 60_000,
      user: { id: 'u', email: 'e', name: 'n', role: 'customer', createdAt: '' },
    });
    const add = vi.spyOn(api.cart, 'add').mockImplementation(async (productId) => {
      if (productId === mug.id)
        throw new ApiError(422, 'Only 0 left', { type: 'x', title: 'Unprocessable', status: 422, detail: 'Only 0 left', code: 'insufficient-stock' });
      return serverCart([{ productId: lamp.id, name: lamp.name, quantity: 2, unit: 4900 }]);
    });
    vi.spyOn(api.cart, 'get').mockResolvedValue(serverCart([{ productId: lamp.id, name: lamp.name, quantity: 2, unit: 4900 }]));

    const dropped = await cart.mergeGuestCart();

    expect(add).toHaveBeenCalledWith(lamp.id, 2);
    expect(dropped).toEqual([mug.name]);
    expect(cart.itemCount).toBe(2);
    expect(localStorage.getItem('shopmesh.guest-cart')).toBe('[]');
  });

  it('when the shop is down during the merge, then the guest lines are kept for the next try', async () => {
    const cart = useCartStore();
    await cart.add(lamp, 1);
    vi.spyOn(api.cart, 'add').mockRejectedValue(new ApiError(0, 'offline'));

    await expect(cart.mergeGuestCart()).rejects.toMatchObject({ status: 0 });
    expect(JSON.parse(localStorage.getItem('shopmesh.guest-cart')!)).toHaveLength(1);
  });
});
