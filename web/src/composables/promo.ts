import { CreatePromoCodeRequest, type PromoCode } from '@shopmesh/contracts';
import { formatMoney } from './format';

/** The seller's promo code form as typed: money in major units ("5.00"), the expiry as a date. */
export interface PromoForm {
  code: string;
  kind: 'percent' | 'fixed';
  value: string;
  minSubtotal: string;
  /** YYYY-MM-DD, the last day the code works (to the end of that day, UTC); empty: no expiry. */
  expiresOn: string;
  /** Empty: no limit. */
  usageLimit: string;
}

export const emptyPromoForm = (): PromoForm => ({ code: '', kind: 'percent', value: '', minSubtotal: '', expiresOn: '', usageLimit: '' });

const cents = (text: string): number | undefined => {
  if (!/^\d+(\.\d{1,2})?$/.test(text.trim())) return undefined;
  return Math.round(Number(text.trim()) * 100);
};
const wholeNumber = (text: string): number | undefined => (/^\d+$/.test(text.trim()) ? Number(text) : undefined);

/**
 * The request the form makes, or what to fix first, keyed by the API's own field names so the server's
 * answers land on the same inputs. The form turns what was typed into numbers (money in minor units);
 * the contract's own schema judges the rest, as the server will again.
 */
export function promoRequest(form: PromoForm, currency: string): { request?: CreatePromoCodeRequest; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  // What to type, per field, where the contract's message is written for API clients.
  const hints: Record<string, string> = {
    code: 'Use 3 to 32 letters, digits, - or _',
    value: form.kind === 'percent' ? 'Enter a whole percentage from 1 to 100' : 'Enter an amount such as 5.00',
    usageLimit: 'Enter how many orders may use it (1 to 1,000,000), or leave it empty',
    expiresAt: 'Pick the last day the code works',
  };
  const value = form.kind === 'percent' ? wholeNumber(form.value) : cents(form.value);
  if (value === undefined) errors.value = hints.value!;
  const minSubtotal = form.minSubtotal.trim() === '' ? 0 : cents(form.minSubtotal);
  if (minSubtotal === undefined) errors.minSubtotal = 'Enter an amount such as 20.00, or leave it empty';
  const usageLimit = form.usageLimit.trim() === '' ? undefined : wholeNumber(form.usageLimit);
  if (form.usageLimit.trim() !== '' && usageLimit === undefined) errors.usageLimit = hints.usageLimit!;
  const parsed = CreatePromoCodeRequest.safeParse({
    code: form.code,
    kind: form.kind,
    value: value ?? 0,
    ...(form.kind === 'fixed' ? { currency } : {}),
    minSubtotal: minSubtotal ?? 0,
    ...(form.expiresOn ? { expiresAt: `${form.expiresOn}T23:59:59.999Z` } : {}),
    ...(usageLimit !== undefined ? { usageLimit } : {}),
  });
  for (const issue of parsed.error?.issues ?? []) {
    const field = String(issue.path[0]);
    errors[field] ??= hints[field] ?? issue.message;
  }
  return parsed.success && Object.keys(errors).length === 0 ? { request: parsed.data, errors } : { errors };
}

/** "10% off" or "$5.00 off", with its minimum: how the code reads in the seller's list. */
export function describePromo(promo: PromoCode, currency: string): string {
  const off = promo.kind === 'percent' ? `${promo.value}% off` : `${formatMoney({ amount: promo.value, currency: promo.currency ?? currency })} off`;
  return promo.minSubtotal > 0 ? `${off} orders from ${formatMoney({ amount: promo.minSubtotal, currency: promo.currency ?? currency })}` : off;
}

/** "12 of 100" or "12 (no limit)". */
export const promoUses = (promo: PromoCode): string =>
  promo.usageLimit === null ? `${promo.usedCount} (no limit)` : `${promo.usedCount} of ${promo.usageLimit}`;

/** Whether the code no longer works: past its expiry or used up. */
export const promoEnded = (promo: PromoCode, now: Date): boolean =>
  (promo.expiresAt !== null && Date.parse(promo.expiresAt) <= now.getTime()) || (promo.usageLimit !== null && promo.usedCount >= promo.usageLimit);
