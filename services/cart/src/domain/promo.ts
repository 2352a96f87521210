import type { CartPromo, Money, PromoKind } from '@shopmesh/contracts';
import { DomainError } from '@shopmesh/platform';

/** A promo code as stored. */
export interface StoredPromo {
  code: string;
  kind: PromoKind;
  value: number;
  currency: string | null;
  minSubtotal: number;
  expiresAt: string | null;
  usageLimit: number | null;
  usedCount: number;
  /** The seller whose products it discounts; null for the shop's own codes (every product). */
  sellerId: string | null;
  createdBy: string;
  createdAt: string;
}

/** A priced line as a promo code sees it. */
export interface PricedLine {
  sellerId: string;
  lineTotal: Money;
}

const FIELD = 'body.code';
const refuse = (status: number, code: string, promo: string, message: string) =>
  new DomainError(status, code, `Promo code ${promo} ${message}`, [{ field: FIELD, message }]);

/** The 4xx of a code nobody defined. */
export const unknownPromo = (code: string): DomainError => refuse(422, 'promo-unknown', code, 'does not exist');

/** The 409 of a code whose uses are all spent (at apply, or by a concurrent checkout at placement). */
export const exhaustedPromo = (code: string): DomainError => refuse(409, 'promo-exhausted', code, 'has been used up');

/**
 * What the code takes off these lines, or the 4xx that says why it does not apply: expired, used up,
 * no eligible product (a seller's code discounts only that seller's lines), eligible subtotal below the
 * minimum, or a fixed amount in another currency. The discount never exceeds the eligible subtotal.
 */
export function promoDiscount(promo: StoredPromo, lines: PricedLine[], now: Date): Money {
  if (promo.expiresAt && Date.parse(promo.expiresAt) <= now.getTime()) throw refuse(422, 'promo-expired', promo.code, `expired on ${promo.expiresAt}`);
  if (promo.usageLimit !== null && promo.usedCount >= promo.usageLimit) throw exhaustedPromo(promo.code);
  const eligible = lines.filter((l) => promo.sellerId === null || l.sellerId === promo.sellerId);
  if (eligible.length === 0)
    throw refuse(422, 'promo-not-applicable', promo.code, promo.sellerId ? "applies only to its seller's products" : 'needs items in the cart');
  const currency = eligible[0]!.lineTotal.currency;
  const base = eligible.reduce((sum, l) => sum + l.lineTotal.amount, 0);
  if (base < promo.minSubtotal) throw refuse(422, 'promo-min-subtotal', promo.code, `needs a subtotal of at least ${promo.minSubtotal} (minor units)`);
  if (promo.kind === 'fixed' && promo.currency !== currency)
    throw refuse(422, 'promo-not-applicable', promo.code, `is in ${promo.currency}, the cart in ${currency}`);
  const amount = promo.kind === 'percent' ? Math.floor((base * promo.value) / 100) : promo.value;
  return { amount: Math.min(amount, base), currency };
}

/** The promo as the cart shows it: its discount now, or a zero discount and why it gives nothing. */
export function cartPromoView(code: string, promo: StoredPromo | undefined, lines: PricedLine[], subtotal: Money, now: Date): CartPromo {
  try {
    if (!promo) throw unknownPromo(code);
    const discount = promoDiscount(promo, lines, now);
    return { code, discount, total: { amount: subtotal.amount - discount.amount, currency: subtotal.currency } };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { code, discount: { amount: 0, currency: subtotal.currency }, total: subtotal, problem: err.errors[0]?.message ?? err.message };
  }
}
