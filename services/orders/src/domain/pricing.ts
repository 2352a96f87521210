import type { Money, OrderLine } from '@shopmesh/contracts';
import { unprocessable } from '@shopmesh/platform';

/** A cart line as orders reads it: what the shopper asked for. */
export interface RequestedLine {
  productId: string;
  quantity: number;
}

/** The catalog's current facts about a product. */
export interface CatalogProduct {
  id: string;
  sellerId: string;
  name: string;
  price: Money;
}

/**
 * Prices the order from the catalog's current prices, never from the cart's snapshot, so a shopper
 * pays what the seller asks now. A product that disappeared, or mixed currencies, stop the checkout.
 */
export function priceOrder(requested: RequestedLine[], products: CatalogProduct[]): { lines: OrderLine[]; total: Money } {
  if (requested.length === 0) throw unprocessable('cart-empty', 'The cart is empty');
  const byId = new Map(products.map((p) => [p.id, p]));
  const lines = requested.map((line): OrderLine => {
    const product = byId.get(line.productId);
    if (!product) throw unprocessable('product-unavailable', `Product ${line.productId} is no longer sold`);
    return {
      productId: product.id,
      sellerId: product.sellerId,
      name: product.name,
      quantity: line.quantity,
      unitPrice: product.price,
      lineTotal: { amount: product.price.amount * line.quantity, currency: product.price.currency },
    };
  });
  const currencies = new Set(lines.map((l) => l.unitPrice.currency));
  if (currencies.size > 1) throw unprocessable('mixed-currencies', 'All items of an order must share one currency');
  const currency = lines[0]!.unitPrice.currency;
  return { lines, total: { amount: lines.reduce((sum, l) => sum + l.lineTotal.amount, 0), currency } };
}
