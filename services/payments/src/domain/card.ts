import { DomainError } from '@shopmesh/platform';
import type { CardBrand, CardDetails, DeclineReason } from '@shopmesh/contracts';

/** The simulated processor's test cards; every other Luhn-valid number approves. */
export const TEST_CARDS = {
  approves: '4242424242424242',
  declines: '4000000000000002',
  insufficientFunds: '4000000000009995',
  requiresAction: '4000000000003220',
} as const;

export type CardOutcome = { status: 'authorized' } | { status: 'requires_action' } | { status: 'declined'; reason: DeclineReason };

/** The Luhn (mod 10) check digit test every card number passes. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function cardBrand(digits: string): CardBrand {
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (digits.startsWith('4')) return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (four === 6011 || two === 65 || (four >= 6440 && four <= 6499)) return 'discover';
  return 'unknown';
}

/** A card is valid through the last day of its expiry month (UTC). */
export function isExpired(expMonth: number, expYear: number, now: Date): boolean {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return expYear < year || (expYear === year && expMonth < month);
}

/** 400 naming the field when the number fails Luhn or the card has expired. */
export function checkCard(card: CardDetails, now: Date): void {
  if (!passesLuhn(card.cardNumber)) {
    throw new DomainError(400, 'invalid-card', 'body.card.cardNumber: is not a valid card number', [
      { field: 'body.card.cardNumber', message: 'is not a valid card number' },
    ]);
  }
  if (isExpired(card.expMonth, card.expYear, now)) {
    const field = card.expYear < now.getUTCFullYear() ? 'body.card.expYear' : 'body.card.expMonth';
    throw new DomainError(400, 'card-expired', `${field}: the card has expired`, [{ field, message: 'the card has expired' }]);
  }
}

export function outcomeFor(digits: string): CardOutcome {
  switch (digits) {
    case TEST_CARDS.declines:
      return { status: 'declined', reason: 'card_declined' };
    case TEST_CARDS.insufficientFunds:
      return { status: 'declined', reason: 'insufficient_funds' };
    case TEST_CARDS.requiresAction:
      return { status: 'requires_action' };
    default:
      return { status: 'authorized' };
  }
}
