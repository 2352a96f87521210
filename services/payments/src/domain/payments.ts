import { randomUUID } from 'node:crypto';
import { DomainError, conflict, notFound, type Clock } from '@shopmesh/platform';
import { Topics, type AuthorizePaymentRequest, type CardDetails, type PaymentAuthorized, type PaymentFailed, type PaymentRefunded } from '@shopmesh/contracts';
import { cardBrand, checkCard, outcomeFor } from './card';
import { transition, type PaymentAction } from './payment-state';
import type { PaymentMethodRecord, PaymentRecord, PaymentStore, PaymentTx } from './ports';

/** An authorization's answer; `created` is false when the order had been authorized before. */
export interface AuthorizeResult {
  payment: PaymentRecord;
  created: boolean;
}

const amountOf = (p: PaymentRecord) => ({ amount: p.amount, currency: p.currency });

function sameRequest(existing: PaymentRecord, request: AuthorizePaymentRequest): PaymentRecord {
  if (existing.amount !== request.amount.amount || existing.currency !== request.amount.currency) {
    throw conflict('payment-mismatch', `Order ${request.orderId} was already authorized for a different amount`);
  }
  return existing;
}

function announce(tx: PaymentTx, payment: PaymentRecord): void {
  if (payment.status === 'authorized') {
    tx.recordEvent(Topics.paymentAuthorized, { paymentId: payment.id, orderId: payment.orderId, amount: amountOf(payment) } satisfies PaymentAuthorized);
  } else if (payment.status === 'declined') {
    tx.recordEvent(Topics.paymentFailed, { orderId: payment.orderId, reason: payment.reason ?? 'declined' } satisfies PaymentFailed);
  } else if (payment.status === 'refunded') {
    tx.recordEvent(Topics.paymentRefunded, { paymentId: payment.id, orderId: payment.orderId, amount: amountOf(payment) } satisfies PaymentRefunded);
  }
}

/** The payment use cases of the simulated card processor. */
export function createPayments(deps: { store: PaymentStore; clock: Clock }) {
  const { store, clock } = deps;

  return {
    /** Checks a card and keeps it behind a token; the number itself is not stored. */
    async registerMethod(card: CardDetails): Promise<PaymentMethodRecord> {
      const now = clock.now();
      checkCard(card, now);
      const outcome = outcomeFor(card.cardNumber);
      const method: PaymentMethodRecord = {
        token: randomUUID(),
        brand: cardBrand(card.cardNumber),
        last4: card.cardNumber.slice(-4),
        expMonth: card.expMonth,
        expYear: card.expYear,
        outcome: outcome.status,
        declineReason: outcome.status === 'declined' ? outcome.reason : null,
        createdAt: now,
      };
      await store.saveMethod(method);
      return method;
    },

    /**
     * Authorizes the order's amount on a registered card, once per order: a repeat answers the stored
     * payment (whatever method it names) so a retried saga step cannot charge twice.
     */
    authorize(request: AuthorizePaymentRequest): Promise<AuthorizeResult> {
      return store.transaction(async (tx) => {
        const existing = await tx.lockByOrder(request.orderId);
        if (existing) return { payment: sameRequest(existing, request), created: false };
        const method = await tx.findMethod(request.paymentMethod);
        if (!method) {
          throw new DomainError(422, 'unknown-payment-method', 'body.paymentMethod: no such payment method', [
            { field: 'body.paymentMethod', message: 'no such payment method' },
          ]);
        }
        const now = clock.now();
        const payment: PaymentRecord = {
          id: randomUUID(),
          orderId: request.orderId,
          amount: request.amount.amount,
          currency: request.amount.currency,
          status: method.outcome,
          reason: method.declineReason,
          cardBrand: method.brand,
          cardLast4: method.last4,
          cardExpMonth: method.expMonth,
          cardExpYear: method.expYear,
          createdAt: now,
          updatedAt: now,
        };
        if (!(await tx.insert(payment))) {
          // A concurrent request for the same order won the insert; answer what it stored.
          const winner = await tx.lockByOrder(request.orderId);
          if (!winner) throw new Error(`payment of order ${request.orderId} vanished`);
          return { payment: sameRequest(winner, request), created: false };
        }
        announce(tx, payment);
        return { payment, created: true };
      });
    },

    /** Approves, voids or refunds the order's payment; repeating an action that already happened is a no-op. */
    apply(orderId: string, action: PaymentAction): Promise<PaymentRecord> {
      return store.transaction(async (tx) => {
        const payment = await tx.lockByOrder(orderId);
        if (!payment) throw notFound('Payment');
        const next = transition(payment.status, action);
        if (!next.changed) return payment;
        const now = clock.now();
        await tx.setStatus(orderId, next.status, now);
        const updated = { ...payment, status: next.status, updatedAt: now };
        announce(tx, updated);
        return updated;
      });
    },

    async get(orderId: string): Promise<PaymentRecord> {
      const payment = await store.findByOrder(orderId);
      if (!payment) throw notFound('Payment');
      return payment;
    },
  };
}

export type Payments = ReturnType<typeof createPayments>;
