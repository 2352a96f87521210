import { z } from 'zod';
import { Id, Money, text } from './common';

/**
 * Card details for an authorization. The number may contain spaces or dashes; one that fails the Luhn
 * check, or a card past its expiry month, is a 400 naming the field. Payments keeps only brand and last4.
 */
export const CardDetails = z.object({
  cardNumber: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(text().regex(/^\d{12,19}$/, 'must be 12 to 19 digits')),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int().min(2000).max(2100),
  cvc: text().regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
});
export type CardDetails = z.infer<typeof CardDetails>;

/** Card brands payments recognizes from the number. */
export const CardBrand = z.enum(['visa', 'mastercard', 'amex', 'discover', 'unknown']);
export type CardBrand = z.infer<typeof CardBrand>;

/**
 * `POST /internal/payment-methods`: hands a card to the processor, which checks it (400 naming
 * `body.card.*` when it fails Luhn or has expired) and answers a token. The card number never leaves
 * payments; what the saga carries and stores is the token.
 */
export const RegisterPaymentMethodRequest = z.object({ card: CardDetails });
export type RegisterPaymentMethodRequest = z.infer<typeof RegisterPaymentMethodRequest>;

/** A registered card as other services see it. */
export const PaymentMethod = z.object({
  token: Id,
  brand: CardBrand,
  last4: text().length(4),
  expMonth: z.number().int(),
  expYear: z.number().int(),
});
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/**
 * `POST /internal/payments/authorize`, idempotent per `orderId`: a repeat answers the stored payment
 * (200 instead of 201) whatever method it names; a repeat with a different amount is a 409
 * `payment-mismatch`. An unknown token is a 422. A decline is not an HTTP error: it answers a payment
 * with status `declined`.
 */
export const AuthorizePaymentRequest = z.object({
  orderId: Id,
  amount: Money.refine((m) => m.amount > 0, { message: 'must be greater than 0', path: ['amount'] }),
  paymentMethod: Id,
});
export type AuthorizePaymentRequest = z.infer<typeof AuthorizePaymentRequest>;

/**
 * Lifecycle of a payment: `authorized` (or `requires_action` until the shopper approves, then
 * `authorized`), `declined` with a reason, and from `authorized` either `voided` or `refunded`;
 * `requires_action` may also be voided.
 */
export const PaymentStatus = z.enum(['authorized', 'requires_action', 'declined', 'voided', 'refunded']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** Why a card was declined. */
export const DeclineReason = z.enum(['card_declined', 'insufficient_funds']);
export type DeclineReason = z.infer<typeof DeclineReason>;

/** A payment of one order; `reason` is set when it was declined. */
export const Payment = z.object({
  id: Id,
  orderId: Id,
  amount: Money,
  status: PaymentStatus,
  reason: DeclineReason.optional(),
  card: z.object({ brand: CardBrand, last4: text().length(4), expMonth: z.number().int(), expYear: z.number().int() }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Payment = z.infer<typeof Payment>;

/**
 * Path params of `/internal/payments/:orderId[/approve|/void|/refund]`. An order without a payment is a
 * 404. `approve` turns `requires_action` into `authorized`; `void` and `refund` are idempotent; a
 * transition the status does not allow is a 409 `invalid-payment-state`.
 */
export const PaymentParams = z.object({ orderId: Id });
export type PaymentParams = z.infer<typeof PaymentParams>;
