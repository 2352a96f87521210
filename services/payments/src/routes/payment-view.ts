import type { Payment } from '@shopmesh/contracts';
import type { PaymentRecord } from '../domain/ports';

export const toPaymentView = (p: PaymentRecord): Payment => ({
  id: p.id,
  orderId: p.orderId,
  amount: { amount: p.amount, currency: p.currency },
  status: p.status,
  ...(p.reason ? { reason: p.reason } : {}),
  card: { brand: p.cardBrand, last4: p.cardLast4, expMonth: p.cardExpMonth, expYear: p.cardExpYear },
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});
