import { PaymentMethod, type CardDetails } from '@shopmesh/contracts';
import { DomainError, type Invoker } from '@shopmesh/platform';

/**
 * Exchanges the shopper's card for payments' token before the order is stored, so a bad or expired
 * card is a 400 on POST /orders naming the shopper's field, and the number never reaches orders' tables
 * or the saga's history.
 */
export async function registerCard(invoke: Invoker, card: CardDetails): Promise<{ token: string; last4: string }> {
  try {
    const method = await invoke.json('payments', { method: 'POST', path: '/internal/payment-methods', body: { card } }, PaymentMethod);
    return { token: method.token, last4: method.last4 };
  } catch (err) {
    if (!(err instanceof DomainError) || err.status !== 400) throw err;
    // Payments names the card `body.card.*`; the shopper sent it as `body.payment.*`.
    const errors = err.errors.map((e) => ({ ...e, field: e.field.replace(/^body\.card\./, 'body.payment.') }));
    throw new DomainError(400, err.code, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
}
