import { DomainError, notFound } from '@shopmesh/platform';
import { MAX_CART_LINE_QUANTITY, MAX_CART_LINES, type Cart, type CartLine, type Money, type ProductLookupItem } from '@shopmesh/contracts';
import type { StoredCart, StoredLine } from './ports';

const invalid = (status: number, code: string, field: string, message: string, detail = `${field}: ${message}`): DomainError =>
  new DomainError(status, code, detail, [{ field, message }]);

function ensureAvailable(product: ProductLookupItem, quantity: number): void {
  if (quantity > MAX_CART_LINE_QUANTITY) {
    throw invalid(422, 'quantity-limit', 'body.quantity', `a cart line holds at most ${MAX_CART_LINE_QUANTITY} units`);
  }
  if (quantity > product.available) {
    throw invalid(422, 'insufficient-stock', 'body.quantity', `only ${product.available} available`, `Only ${product.available} of ${product.name} available`);
  }
}

function ensureCurrency(cart: StoredCart | undefined, product: ProductLookupItem): void {
  const other = cart?.lines.find((l) => l.productId !== product.id && l.unitPrice.currency !== product.price.currency);
  if (other) {
    throw invalid(422, 'currency-mismatch', 'body.productId', `is priced in ${product.price.currency}, the cart in ${other.unitPrice.currency}`);
  }
}

const refreshed = (line: StoredLine, product: ProductLookupItem, quantity: number): StoredLine => ({
  ...line,
  sellerId: product.sellerId,
  name: product.name,
  unitPrice: product.price,
  quantity,
});

/**
 * Adds `quantity` units of the product, or raises its line by that much. The line takes the catalog's
 * current name and price: the snapshot is as of the last change a shopper made to the line.
 */
export function addItem(cart: StoredCart | undefined, product: ProductLookupItem, quantity: number, now: Date): StoredCart {
  const lines = cart?.lines ?? [];
  const existing = lines.find((l) => l.productId === product.id);
  const total = (existing?.quantity ?? 0) + quantity;
  ensureAvailable(product, total);
  ensureCurrency(cart, product);
  if (existing) {
    return { ...cart, lines: lines.map((l) => (l === existing ? refreshed(l, product, total) : l)), updatedAt: now.toISOString() };
  }
  if (lines.length >= MAX_CART_LINES) {
    throw invalid(422, 'cart-full', 'body.productId', `a cart holds at most ${MAX_CART_LINES} different products`);
  }
  const line: StoredLine = {
    productId: product.id,
    sellerId: product.sellerId,
    name: product.name,
    quantity,
    unitPrice: product.price,
    addedAt: now.toISOString(),
  };
  return { ...cart, lines: [...lines, line], updatedAt: now.toISOString() };
}

/** Sets the quantity of a line the cart holds; a product not in the cart is a 404. */
export function setItemQuantity(cart: StoredCart | undefined, product: ProductLookupItem, quantity: number, now: Date): StoredCart {
  const existing = cart?.lines.find((l) => l.productId === product.id);
  if (!cart || !existing) throw notFound('Cart item');
  ensureAvailable(product, quantity);
  ensureCurrency(cart, product);
  return { ...cart, lines: cart.lines.map((l) => (l === existing ? refreshed(l, product, quantity) : l)), updatedAt: now.toISOString() };
}

/** Removes a product's line; a product not in the cart is a 404. */
export function removeItem(cart: StoredCart | undefined, productId: string, now: Date): StoredCart {
  if (!cart?.lines.some((l) => l.productId === productId)) throw notFound('Cart item');
  return { ...cart, lines: cart.lines.filter((l) => l.productId !== productId), updatedAt: now.toISOString() };
}

const times = (price: Money, quantity: number): Money => ({ amount: price.amount * quantity, currency: price.currency });

/**
 * The cart as the shopper sees it: line totals, subtotal and item count. An empty cart's subtotal is in
 * `currency`, the shop's default.
 */
export function toCartView(userId: string, cart: StoredCart | undefined, currency: string): Cart {
  const lines: CartLine[] = (cart?.lines ?? []).map((l) => ({ ...l, lineTotal: times(l.unitPrice, l.quantity) }));
  return {
    userId,
    lines,
    subtotal: {
      amount: lines.reduce((sum, l) => sum + l.lineTotal.amount, 0),
      currency: lines[0]?.unitPrice.currency ?? currency,
    },
    itemCount: lines.reduce((sum, l) => sum + l.quantity, 0),
    updatedAt: cart?.updatedAt ?? null,
  };
}

/**
 * A guest's lines added to the shopper's cart at sign-in: quantities of a product in both are summed,
 * capped by what the catalog has available (and the line limit). Lines the catalog no longer sells or
 * has none of, in another currency, or beyond the cart's size are left out.
 */
export function mergeCarts(target: StoredCart | undefined, guest: StoredCart, products: ProductLookupItem[], now: Date): StoredCart {
  const byId = new Map(products.map((p) => [p.id, p]));
  let lines = [...(target?.lines ?? [])];
  for (const guestLine of guest.lines) {
    const product = byId.get(guestLine.productId);
    if (!product || product.available <= 0) continue;
    const existing = lines.find((l) => l.productId === product.id);
    const quantity = Math.min((existing?.quantity ?? 0) + guestLine.quantity, product.available, MAX_CART_LINE_QUANTITY);
    if (lines.some((l) => l.productId !== product.id && l.unitPrice.currency !== product.price.currency)) continue;
    if (existing) lines = lines.map((l) => (l === existing ? refreshed(l, product, quantity) : l));
    else if (lines.length < MAX_CART_LINES) lines.push({ ...refreshed(guestLine, product, quantity), addedAt: guestLine.addedAt });
  }
  const promoCode = target?.promoCode ?? guest.promoCode;
  return { ...target, lines, updatedAt: now.toISOString(), ...(promoCode ? { promoCode } : {}) };
}
