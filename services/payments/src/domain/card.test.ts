import { DomainError } from '@shopmesh/platform';
import { cardBrand, checkCard, isExpired, outcomeFor, passesLuhn, TEST_CARDS } from './card';

const now = new Date('2025-06-15T12:00:00.000Z');
const card = (number: string, expMonth = 12, expYear = 2030) => ({ cardNumber: number, expMonth, expYear, cvc: '123' });

function fieldOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.errors[0]?.field;
    throw err;
  }
  return undefined;
}

describe('Luhn check', () => {
  it.each([...Object.values(TEST_CARDS), '5555555555554444', '378282246310005', '6011111111111117', '79927398713'])(
    'when the number is %s, then it passes',
    (number) => expect(passesLuhn(number)).toBe(true),
  );

  it.each(['4242424242424241', '4000000000000001', '79927398710', '1234567812345678', '42424242424242a2', ''])(
    'when the number is "%s", then it fails',
    (number) => expect(passesLuhn(number)).toBe(false),
  );
});

describe('card brand', () => {
  it.each([
    ['4242424242424242', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['3056930009020004', 'unknown'],
  ])('when the number is %s, then the brand is %s', (number, brand) => expect(cardBrand(number)).toBe(brand));
});

describe('expiry', () => {
  it('when the card expires this month, then it is still valid', () => expect(isExpired(6, 2025, now)).toBe(false));
  it('when the card expired last month, then it is expired', () => expect(isExpired(5, 2025, now)).toBe(true));
  it('when the card expired last year, then it is expired', () => expect(isExpired(12, 2024, now)).toBe(true));
});

describe('card outcome table', () => {
  it.each([
    [TEST_CARDS.approves, { status: 'authorized' }],
    [TEST_CARDS.declines, { status: 'declined', reason: 'card_declined' }],
    [TEST_CARDS.insufficientFunds, { status: 'declined', reason: 'insufficient_funds' }],
    [TEST_CARDS.requiresAction, { status: 'requires_action' }],
    ['5555555555554444', { status: 'authorized' }],
  ])('when the card is %s, then the processor answers %j', (number, outcome) => expect(outcomeFor(number)).toEqual(outcome));
});

describe('card check', () => {
  it('when the number fails Luhn, then a 400 names body.card.cardNumber', () => {
    expect(fieldOf(() => checkCard(card('4242424242424241'), now))).toBe('body.card.cardNumber');
  });

  it('when the expiry year has passed, then a 400 names body.card.expYear', () => {
    expect(fieldOf(() => checkCard(card(TEST_CARDS.approves, 12, 2024), now))).toBe('body.card.expYear');
  });

  it('when the expiry month of this year has passed, then a 400 names body.card.expMonth', () => {
    expect(fieldOf(() => checkCard(card(TEST_CARDS.approves, 5, 2025), now))).toBe('body.card.expMonth');
  });

  it('when the card is valid, then nothing is thrown', () => {
    expect(fieldOf(() => checkCard(card(TEST_CARDS.approves, 6, 2025), now))).toBeUndefined();
  });
});
