import type { Money } from '@shopmesh/contracts';

const formatters = new Map<string, Intl.NumberFormat>();

/** Minor units to a price as shoppers read it: 2499 EUR -> "€24.99". */
export function formatMoney(money: Money): string {
  let f = formatters.get(money.currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency });
    formatters.set(money.currency, f);
  }
  return f.format(money.amount / 100);
}

/** A date and time as "Mar 3, 14:05". */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** A saga step id as a sentence start: "stock-reserved" -> "Stock reserved". */
export function humanize(step: string): string {
  const words = step.replace(/[-_]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A random Idempotency-Key (crypto.randomUUID needs a secure context, which localhost is). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
