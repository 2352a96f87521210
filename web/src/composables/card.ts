/** Client-side card checks, so most mistakes show under the field before the API is asked. */

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** "4242424242424242" -> "4242 4242 4242 4242". */
export function groupCardNumber(value: string): string {
  return value
    .replace(/\D/g, '')
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, '$1 ');
}

export interface CardInput {
  number: string;
  expiry: string;
  cvc: string;
}

/** Errors keyed like the API's (`payment.cardNumber`, ...); empty when the card looks right. */
export function validateCard(card: CardInput, now = new Date()): Record<string, string> {
  const errors: Record<string, string> = {};
  const digits = card.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) errors['payment.cardNumber'] = 'Enter the 12 to 19 digits of the card number';
  else if (!luhnValid(digits)) errors['payment.cardNumber'] = 'This card number is not valid; check for a typo';
  const expiry = parseExpiry(card.expiry);
  if (!expiry) errors['payment.expMonth'] = 'Enter the expiry as MM/YY';
  else if (expiry.expYear < now.getFullYear() || (expiry.expYear === now.getFullYear() && expiry.expMonth < now.getMonth() + 1))
    errors['payment.expMonth'] = 'This card has expired';
  if (!/^\d{3,4}$/.test(card.cvc)) errors['payment.cvc'] = 'Enter the 3 or 4 digits on the back';
  return errors;
}

export function parseExpiry(value: string): { expMonth: number; expYear: number } | undefined {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(value);
  if (!m) return undefined;
  const expMonth = Number(m[1]);
  const year = Number(m[2]);
  if (expMonth < 1 || expMonth > 12) return undefined;
  return { expMonth, expYear: year < 100 ? 2000 + year : year };
}
