import type { ProductLookupItem } from '@shopmesh/contracts';
import { DomainError } from '@shopmesh/platform';
import { createCartService, EMPTY_CART_VERSION } from './cart-service';
import { StaleCartError, type CartStore, type StoredCart } from './ports';

const USER = '00000000-0000-4000-8000-000000000101';
const lamp: ProductLookupItem = {
  id: '00000000-0000-4000-8000-000000000001',
  sellerId: '00000000-0000-4000-8000-00000000000a',
  name: 'Lamp',
  price: { amount: 1000, currency: 'USD' },
  available: 50,
};
const clock = { now: () => new Date('2025-03-01T10:00:00.000Z') };

// An in-memory store with versioned first-write-wins; `beforeSave` lets a test slip in a concurrent writer.
function memoryStore() {
  const carts = new Map<string, { cart: StoredCart; etag: string }>();
  let version = 0;
  const hooks = { beforeSave: async (): Promise<void> => undefined };
  const write = (userId: string, cart: StoredCart) => {
    const etag = `v${++version}`;
    carts.set(userId, { cart, etag });
    return etag;
  };
  const store: CartStore & { hooks: typeof hooks; write: typeof write } = {
    hooks,
    write,
    get: async (userId) => carts.get(userId),
    async save(userId, cart, etag) {
      await hooks.beforeSave();
      if (etag === undefined ? carts.has(userId) : carts.get(userId)?.etag !== etag) throw new StaleCartError();
      return write(userId, cart);
    },
    async delete(userId, etag) {
      if (etag !== undefined && carts.get(userId)?.etag !== etag) throw new StaleCartError();
      carts.delete(userId);
    },
  };
  return store;
}

const service = (store: CartStore, lookups: ProductLookupItem[] = [lamp]) =>
  createCartService({ store, catalog: { lookup: async () => lookups }, clock, currency: 'USD' });

describe('cart service', () => {
  it('when a cart was never written, then it reads as empty with the empty version', async () => {
    const result = await service(memoryStore()).get(USER);

    expect(result).toEqual({ cart: expect.objectContaining({ lines: [], itemCount: 0 }), etag: EMPTY_CART_VERSION });
  });

  it('when another writer slips in between read and write, then the add is applied again on top of it', async () => {
    const store = memoryStore();
    const carts = service(store);
    await carts.add(USER, { productId: lamp.id, quantity: 1 }, undefined);
    let interfered = false;
    store.hooks.beforeSave = async () => {
      if (interfered) return;
      interfered = true;
      store.write(USER, { lines: [{ ...(await store.get(USER))!.cart.lines[0]!, quantity: 5 }], updatedAt: 'x' });
    };

    const result = await carts.add(USER, { productId: lamp.id, quantity: 2 }, undefined);

    expect(result.cart.lines[0]?.quantity).toBe(7);
  });

  it('when concurrent writers never stop, then the add gives up with a 409 cart-busy', async () => {
    const store = memoryStore();
    const carts = service(store);
    await carts.add(USER, { productId: lamp.id, quantity: 1 }, undefined);
    store.hooks.beforeSave = async () => {
      store.write(USER, (await store.get(USER))!.cart);
    };

    await expect(carts.add(USER, { productId: lamp.id, quantity: 1 }, undefined)).rejects.toMatchObject({ status: 409, code: 'cart-busy' });
  });

  it('when If-Match names an older version, then the write is a 412 and nothing changes', async () => {
    const store = memoryStore();
    const carts = service(store);
    const first = await carts.add(USER, { productId: lamp.id, quantity: 1 }, undefined);
    await carts.add(USER, { productId: lamp.id, quantity: 1 }, undefined);

    await expect(carts.add(USER, { productId: lamp.id, quantity: 1 }, [first.etag])).rejects.toMatchObject({ status: 412 });
    expect((await carts.get(USER)).cart.itemCount).toBe(2);
  });

  it('when If-Match is current but a writer slips in before the save, then it is a 412, not a retry', async () => {
    const store = memoryStore();
    const carts = service(store);
    const first = await carts.add(USER, { productId: lamp.id, quantity: 1 }, undefined);
    store.hooks.beforeSave = async () => {
      store.write(USER, (await store.get(USER))!.cart);
    };

    await expect(carts.add(USER, { productId: lamp.id, quantity: 1 }, [first.etag])).rejects.toMatchObject({ status: 412 });
  });

  it('when If-Match is the current version, the empty version for a new cart, or *, then the write succeeds', async () => {
    const carts = service(memoryStore());

    const created = await carts.add(USER, { productId: lamp.id, quantity: 1 }, [EMPTY_CART_VERSION]);
    const changed = await carts.setQuantity(USER, lamp.id, 4, [created.etag]);
    const removed = await carts.remove(USER, lamp.id, ['*']);

    expect(changed.cart.itemCount).toBe(4);
    expect(removed.cart.itemCount).toBe(0);
  });

  it('when If-Match is * and there is no cart, then it is a 412', async () => {
    await expect(service(memoryStore()).add(USER, { productId: lamp.id, quantity: 1 }, ['*'])).rejects.toMatchObject({ status: 412 });
  });

  it('when the catalog does not know the product, then a 422 names body.productId', async () => {
    const err = await service(memoryStore(), [])
      .add(USER, { productId: lamp.id, quantity: 1 }, undefined)
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ status: 422, code: 'unknown-product', errors: [{ field: 'body.productId' }] });
  });

  it('when the quantity of a product not in the cart is set, then it is a 404 without asking the catalog', async () => {
    const lookup = jest.fn(async () => [lamp]);
    const carts = createCartService({ store: memoryStore(), catalog: { lookup }, clock, currency: 'USD' });

    await expect(carts.setQuantity(USER, lamp.id, 2, undefined)).rejects.toMatchObject({ status: 404 });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('when a cart is cleared twice, then both succeed and it reads as empty', async () => {
    const carts = service(memoryStore());
    await carts.add(USER, { productId: lamp.id, quantity: 1 }, undefined);

    await carts.clear(USER, undefined);
    await carts.clear(USER, undefined);

    expect(await carts.get(USER)).toMatchObject({ cart: { lines: [] }, etag: EMPTY_CART_VERSION });
  });

  it('when a clear names a stale version, then it is a 412 and the cart stays', async () => {
    const carts = service(memoryStore());
    const first = await carts.add(USER, { productId: lamp.id, quantity: 1 }, undefined);
    await carts.add(USER, { productId: lamp.id, quantity: 1 }, undefined);

    await expect(carts.clear(USER, [first.etag])).rejects.toMatchObject({ status: 412 });
    expect((await carts.get(USER)).cart.itemCount).toBe(2);
  });
});
