import type { Money, ProductLookupItem } from '@shopmesh/contracts';
import type { StoredPromo } from './promo';

/** A cart line as stored: the catalog's price and name as of the last change to the line. */
export interface StoredLine {
  productId: string;
  sellerId: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  addedAt: string;
}

/** The lines one order took from the cart, at the version it took them (see domain/claims.ts). */
export interface StoredClaim {
  orderId: string;
  idempotencyKey: string;
  version: string;
  lines: { productId: string; quantity: number }[];
  claimedAt: string;
  /** Set when the order's `orders.order-placed` arrived: the order exists and its saga will settle the claim. */
  placed?: boolean;
}

/** A cart as stored under `cart:<userId>`; `claims` are orders placed from it whose saga has not finished. */
export interface StoredCart {
  lines: StoredLine[];
  updatedAt: string;
  claims?: StoredClaim[];
  /** The promo code applied to the cart (checked again at every view and at checkout). */
  promoCode?: string;
  /**
   * The order whose completed claim last took lines out, until the shopper changes the cart: a checkout
   * that arrives late for the same cart (a double submit slower than the saga) finds nothing to claim
   * and is told the cart was ordered, not that it is empty.
   */
  lastOrderId?: string;
}

export interface VersionedStoredCart {
  cart: StoredCart;
  etag: string;
}

/** Thrown by {@link CartStore} when a conditional write meets a newer version. */
export class StaleCartError extends Error {
  constructor() {
    super('The cart was changed by someone else');
    this.name = 'StaleCartError';
  }
}

export interface CartStore {
  get(userId: string): Promise<VersionedStoredCart | undefined>;
  /**
   * Writes the cart: with `etag` only if the stored version still is that one, without it only if there
   * is no cart yet (else StaleCartError).
   */
  save(userId: string, cart: StoredCart, etag?: string): Promise<string>;
  /** Deletes the cart; with `etag` only if the stored version still is that one (else StaleCartError). */
  delete(userId: string, etag?: string): Promise<void>;
}

/** What the cart asks of the catalog. */
export interface ProductCatalog {
  /** The products that exist among `ids`; unknown ids are left out. */
  lookup(ids: string[]): Promise<ProductLookupItem[]>;
}

/** A promo code with its version. */
export interface VersionedPromo {
  promo: StoredPromo;
  etag: string;
}

/** Where promo codes and their redemptions live. */
export interface PromoStore {
  get(code: string): Promise<VersionedPromo | undefined>;
  /** Stores a new code; false when the code exists already. */
  create(promo: StoredPromo): Promise<boolean>;
  /** The codes of one seller, or the shop's own (null). */
  list(sellerId: string | null): Promise<StoredPromo[]>;
  /**
   * Spends one use of the code for the order, atomically: `price` judges the code as stored right now
   * (throwing when it is used up or no longer applies) and the use is counted only if nobody counted
   * one meanwhile. Idempotent per order id: a repeat answers the first redemption's discount.
   */
  redeem(code: string, orderId: string, price: (promo: StoredPromo) => Money): Promise<Money>;
  /** Gives back the use the order spent, if it spent one. */
  release(orderId: string): Promise<void>;
}
