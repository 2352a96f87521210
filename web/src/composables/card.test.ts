import { describe, expect, it } from 'vitest';
import { groupCardNumber, luhnValid, parseExpiry, validateCard } from './card';

describe('card checks', () => {
  const now = new Date('2026-11-25T12:00:00Z');

  it('when the test cards are checked, then all pass Luhn and a typo does not', () => {
    for (const card of ['4242424242424242', '4000000000000002', '4000000000009995', '4000000000003220']) expect(luhnValid(card)).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
  });

  it('when a card is typed, then it is grouped by four digits and capped at 19', () => {
    expect(groupCardNumber('4242-4242 42424242')).toBe('4242 4242 4242 4242');
    expect(groupCardNumber('1'.repeat(25)).replace(/ /g, '')).toHaveLength(19);
  });

  it('when the card is wrong in every field, then each error is keyed like the API names it', () => {
    expect(validateCard({ number: '4242 4242 4242 4241', expiry: '10/26', cvc: '1' }, now)).toEqual({
      'payment.cardNumber': 'This card number is not valid; check for a typo',
      'payment.expMonth': 'This card has expired',
      'payment.cvc': 'Enter the 3 or 4 digits on the back',
    });
    expect(validateCard({ number: '4242 4242 4242 4242', expiry: '11/26', cvc: '123' }, now)).toEqual({});
  });

  it('when an expiry is given as MM/YY or MM/YYYY, then both parse and a month 13 does not', () => {
    expect(parseExpiry('12/30')).toEqual({ expMonth: 12, expYear: 2030 });
    expect(parseExpiry(' 1 / 2031 ')).toEqual({ expMonth: 1, expYear: 2031 });
    expect(parseExpiry('13/30')).toBeUndefined();
  });
});
