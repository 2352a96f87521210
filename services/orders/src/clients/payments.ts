import { Payment, PaymentMethod, type AuthorizePaymentRequest, type CardDetails } from '@shopmesh/contracts';
import { DomainError, retryTransient, type Invoker } from '@shopmesh/platform';

/** Payments as orders uses it: the card exchange at checkout and the saga's payment steps. */
export interface PaymentsClient {
  /**
   * Exchanges the shopper's card for payments' token; a bad card is a 400 naming `body.payment.*`, the
   * field the shopper sent, so the number never reaches orders' tables or the saga's history.
   */
  registerCard(card: CardDetails): Promise<{ token: string; last4: string }>;
  authorize(request: AuthorizePaymentRequest): Promise<Payment>;
  approve(orderId: string): Promise<Payment>;
  void(orderId: string): Promise<Payment>;
  /** Gives an authorized payment back; idempotent. */
  refund(orderId: string): Promise<Payment>;
}

export function paymentsClient(invoke: Invoker): PaymentsClient {
  // Saga calls retry a callee that is restarting; payments is idempotent per order id.
  const post = (path: string, body?: unknown) =>
    retryTransient(() => invoke.json('payments', { method: 'POST', path, ...(body !== undefined ? { body } : {}) }, Payment));
  return {
    async registerCard(card) {
      try {
        const method = await invoke.json('payments', { method: 'POST', path: '/internal/payment-methods', body: { card } }, PaymentMethod);
        return { token: method.token, last4: method.last4 };
      } catch (err) {
        if (!(err instanceof DomainError) || err.status !== 400) throw err;
        const errors = err.errors.map((e) => ({ ...e, field: e.field.replace(/^body\.card\./, 'body.payment.') }));
        throw new DomainError(400, err.code, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
      }
    },
    authorize: (request) => post('/internal/payments/authorize', request),
    approve: (orderId) => post(`/internal/payments/${orderId}/approve`),
    void: (orderId) => post(`/internal/payments/${orderId}/void`),
    refund: (orderId) => post(`/internal/payments/${orderId}/refund`),
  };
}
