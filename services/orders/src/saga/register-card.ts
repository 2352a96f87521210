import { PaymentMethod, type PaymentCard } from '@shopmesh/contracts';
import { DomainError, type Invoker } from '@shopmesh/platform';

// Payments names the card's fields as its own API does; the shopper sent them as `payment.*`.
const FIELD_NAMES: Record<string, string> = {
  'body.card.number': 'body.payment.cardNumber',
  'body.card.expMonth': 'body.payment.expMonth',
  'body.card.expYear': 'body.payment.expYear',
  'body.card.cvc': 'body.payment.cvc',
};

/**
 * Exchanges the shopper's card for payments' token before the order is stored, so a bad or expired
 * card is a 400 on POST /orders naming the shopper's field, and the number never reaches orders' tables
 * or the saga's history.
 */
export async function registerCard(invoke: Invoker, card: PaymentCard): Promise<{ token: string; last4: string }> {
  const { cardNumber, ...expiry } = card;
  try {
    const method = await invoke.json('payments', { method: 'POST', path: '/internal/payment-methods', body: { card: { number: cardNumber, ...expiry } } }, PaymentMethod);
    return { token: method.token, last4: method.last4 };
  } catch (err) {
    if (!(err instanceof DomainError) || err.status !== 400) throw err;
    const errors = err.errors.map((e) => ({ ...e, field: FIELD_NAMES[e.field] ?? e.field }));
    throw new DomainError(400, err.code, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
}
