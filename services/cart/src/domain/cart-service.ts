import { conflict, DomainError, notFound, type Clock } from '@shopmesh/platform';
import type { AddCartItemRequest, Cart, CartClaim, CartClaimRequest, ProductLookupItem } from '@shopmesh/contracts';
import { addItem, mergeCarts, removeItem, setItemQuantity, toCartView } from './cart';
import { claimCart, claimOfKey, completeClaim, confirmClaim, releaseClaim } from './claims';
import { StaleCartError, type CartStore, type ProductCatalog, type PromoStore, type StoredCart, type VersionedStoredCart } from './ports';
import { cartPromoView, promoDiscount, unknownPromo } from './promo';

/** Prefix of a guest cart's owner key (`guest:<uuid>`); user carts are keyed by the user id alone. */
export const GUEST_OWNER_PREFIX = 'guest:';

/** The owner key of a guest cart. */
export const guestOwner = (guestId: string): string => `${GUEST_OWNER_PREFIX}${guestId}`;

/** The id a cart answer names: the user's, or the guest cart's own. */
const ownerId = (owner: string): string => (owner.startsWith(GUEST_OWNER_PREFIX) ? owner.slice(GUEST_OWNER_PREFIX.length) : owner);

/** Version of a cart that was never written (or was cleared). */
export const EMPTY_CART_VERSION = 'empty';

/** A cart with its version, sent as ETag. */
export interface VersionedCart {
  cart: Cart;
  etag: string;
}

/**
 * The versions a write is conditional on (from `If-Match`); `*` matches any existing cart. Without one a
 * write that meets a concurrent change is retried on the fresh cart.
 */
export type Precondition = string[] | undefined;

export interface CartServiceDeps {
  store: CartStore;
  catalog: ProductCatalog;
  clock: Clock;
  /** Currency of an empty cart's subtotal. */
  currency: string;
  /** Tries of an unconditional write against concurrent changes before giving up with a 409. */
  maxAttempts?: number;
  /** Promo codes; without them a cart takes none. */
  promos?: PromoStore;
}

const MAX_RETRY_PAUSE_MS = 50;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const preconditionFailed = (): DomainError => new DomainError(412, 'precondition-failed', 'The cart was changed since it was read; load it again and retry');

function checkPrecondition(precondition: Precondition, current: VersionedStoredCart | undefined): void {
  if (precondition === undefined) return;
  const actual = current?.etag ?? EMPTY_CART_VERSION;
  const matches = precondition.some((version) => (version === '*' ? current !== undefined : version === actual));
  if (!matches) throw preconditionFailed();
}

/** The cart use cases of one request. */
export function createCartService(deps: CartServiceDeps) {
  const maxAttempts = deps.maxAttempts ?? 32;
  const view = async (userId: string, cart: StoredCart | undefined, etag: string): Promise<VersionedCart> => {
    const base = toCartView(ownerId(userId), cart, deps.currency);
    if (!cart?.promoCode || !deps.promos) return { cart: base, etag };
    const promo = await deps.promos.get(cart.promoCode);
    return { cart: { ...base, promo: cartPromoView(cart.promoCode, promo?.promo, base.lines, base.subtotal, deps.clock.now()) }, etag };
  };

  async function findProduct(productId: string, field: string): Promise<ProductLookupItem> {
    const product = (await deps.catalog.lookup([productId])).find((p) => p.id === productId);
    if (!product) throw new DomainError(422, 'unknown-product', `Product ${productId} does not exist`, [{ field, message: 'no such product' }]);
    return product;
  }

  // Read, change, write with the read version (first write wins; a cart's first write only if there is
  // none yet). Another writer in between makes the write fail: with If-Match that is the client's 412,
  // without it the change is applied again on the fresh cart after a short random pause, so writers
  // racing on one cart (from any replica) spread out instead of colliding again. A shopper's change
  // also forgets which order last took lines out (claims.ts), so an empty cart is then just empty.
  async function mutate(userId: string, precondition: Precondition, change: (cart: StoredCart | undefined) => StoredCart): Promise<VersionedCart> {
    for (let attempt = 1; ; attempt++) {
      const current = await deps.store.get(userId);
      checkPrecondition(precondition, current);
      const { lastOrderId: _ordered, ...next } = change(current?.cart);
      try {
        return await view(userId, next, await deps.store.save(userId, next, current?.etag));
      } catch (err) {
        if (!(err instanceof StaleCartError)) throw err;
        if (precondition !== undefined) throw preconditionFailed();
        if (attempt >= maxAttempts) throw conflict('cart-busy', 'The cart is being changed concurrently; try again');
        await pause(Math.random() * Math.min(MAX_RETRY_PAUSE_MS, 2 ** attempt));
      }
    }
  }

  // Like mutate, for the writes orders makes: the change sees the version it was read at, and a write
  // that meets a concurrent change is made again on the fresh cart (the change decides anew).
  async function rewrite<T>(userId: string, change: (current: VersionedStoredCart | undefined) => { next?: StoredCart; result: T }): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const current = await deps.store.get(userId);
      const { next, result } = change(current);
      if (!next || !current) return result;
      try {
        await deps.store.save(userId, next, current.etag);
        return result;
      } catch (err) {
        if (!(err instanceof StaleCartError)) throw err;
        if (attempt >= maxAttempts) throw conflict('cart-busy', 'The cart is being changed concurrently; try again');
        await pause(Math.random() * Math.min(MAX_RETRY_PAUSE_MS, 2 ** attempt));
      }
    }
  }

  return {
    /**
     * Takes the cart's unclaimed lines for an order at the current version, in one conditional write;
     * the same idempotency key answers its earlier claim.
     */
    claim(userId: string, request: CartClaimRequest): Promise<CartClaim> {
      return rewrite<CartClaim>(userId, (current) => {
        const earlier = claimOfKey(current?.cart, request.idempotencyKey, deps.clock.now());
        if (earlier) return { result: { orderId: earlier.orderId, version: earlier.version, lines: earlier.lines, created: false } };
        const version = current?.etag ?? EMPTY_CART_VERSION;
        const next = claimCart(current?.cart, { ...request, version }, deps.clock.now());
        const claim = next.claims!.at(-1)!;
        return { next, result: { orderId: claim.orderId, version, lines: claim.lines, created: true } };
      });
    },

    /** The claim's order was stored, so the claim no longer lapses. Idempotent; a settled claim stays settled. */
    confirmClaim(userId: string, orderId: string): Promise<void> {
      return rewrite(userId, (current) => {
        const next = current && confirmClaim(current.cart, orderId);
        return { next: next === current?.cart ? undefined : next, result: undefined };
      });
    },

    /** The order went through: its claimed quantities leave the cart. Idempotent. */
    completeClaim(userId: string, orderId: string): Promise<void> {
      return rewrite(userId, (current) => ({ next: current && completeClaim(current.cart, orderId, deps.clock.now()), result: undefined }));
    },

    /** The order was cancelled: its lines can be ordered again. Idempotent. */
    releaseClaim(userId: string, orderId: string): Promise<void> {
      return rewrite(userId, (current) => ({ next: current && releaseClaim(current.cart, orderId), result: undefined }));
    },

    async get(userId: string): Promise<VersionedCart> {
      const current = await deps.store.get(userId);
      return view(userId, current?.cart, current?.etag ?? EMPTY_CART_VERSION);
    },

    async add(userId: string, request: AddCartItemRequest, precondition: Precondition): Promise<VersionedCart> {
      const product = await findProduct(request.productId, 'body.productId');
      return mutate(userId, precondition, (cart) => addItem(cart, product, request.quantity, deps.clock.now()));
    },

    async setQuantity(userId: string, productId: string, quantity: number, precondition: Precondition): Promise<VersionedCart> {
      const current = await deps.store.get(userId);
      if (!current?.cart.lines.some((l) => l.productId === productId)) throw notFound('Cart item');
      const product = await findProduct(productId, 'params.productId');
      return mutate(userId, precondition, (cart) => setItemQuantity(cart, product, quantity, deps.clock.now()));
    },

    async remove(userId: string, productId: string, precondition: Precondition): Promise<VersionedCart> {
      return mutate(userId, precondition, (cart) => removeItem(cart, productId, deps.clock.now()));
    },

    /**
     * Moves a guest cart into the user's (quantities summed, capped by availability) and deletes it.
     * Merging a guest cart that is gone (merged already, expired, never written) leaves the user's as it is.
     */
    async merge(userId: string, guest: string): Promise<VersionedCart> {
      const current = await deps.store.get(guest);
      const mine = async () => {
        const stored = await deps.store.get(userId);
        return view(userId, stored?.cart, stored?.etag ?? EMPTY_CART_VERSION);
      };
      if (!current?.cart.lines.length) return mine();
      // Claimed by deleting it at the version read: of two sign-ins merging it at once (on any replica)
      // only one adds its lines, and a guest cart changed meanwhile stays for the next merge.
      try {
        await deps.store.delete(guest, current.etag);
      } catch (err) {
        if (err instanceof StaleCartError) return mine();
        throw err;
      }
      const products = await deps.catalog.lookup(current.cart.lines.map((l) => l.productId));
      return mutate(userId, undefined, (cart) => mergeCarts(cart, current.cart, products, deps.clock.now()));
    },

    /**
     * Applies a promo code, after checking it would take something off the cart as it is now: an
     * unknown, expired, used-up or inapplicable code is refused naming `body.code`.
     */
    async applyPromo(owner: string, code: string, precondition: Precondition): Promise<VersionedCart> {
      const normalized = code.trim().toUpperCase();
      const found = deps.promos && (await deps.promos.get(normalized));
      if (!found) throw unknownPromo(normalized);
      const current = await deps.store.get(owner);
      promoDiscount(found.promo, toCartView(ownerId(owner), current?.cart, deps.currency).lines, deps.clock.now());
      return mutate(owner, precondition, (cart) => ({ lines: [], ...cart, promoCode: normalized, updatedAt: deps.clock.now().toISOString() }));
    },

    /** Takes the promo code off the cart; idempotent. */
    async removePromo(owner: string, precondition: Precondition): Promise<VersionedCart> {
      return mutate(owner, precondition, (cart) => {
        const next: StoredCart = { ...(cart ?? { lines: [] }), updatedAt: deps.clock.now().toISOString() };
        delete next.promoCode;
        return next;
      });
    },

    /** Empties the cart; idempotent. */
    async clear(userId: string, precondition: Precondition): Promise<VersionedCart> {
      const current = await deps.store.get(userId);
      checkPrecondition(precondition, current);
      if (current) {
        await deps.store.delete(userId, precondition === undefined ? undefined : current.etag).catch((err: unknown) => {
          throw err instanceof StaleCartError ? preconditionFailed() : err;
        });
      }
      return view(userId, undefined, EMPTY_CART_VERSION);
    },
  };
}

export type CartService = ReturnType<typeof createCartService>;
