import { EntitySchema } from '@mikro-orm/postgresql';
import type { PaymentMethodRecord, PaymentRecord } from '../domain/ports';

/** The `payments` table: one row per order. */
export const PaymentSchema = new EntitySchema<PaymentRecord>({
  name: 'Payment',
  tableName: 'payments',
  properties: {
    id: { type: 'uuid', primary: true },
    orderId: { type: 'uuid', fieldName: 'order_id', unique: true },
    amount: { type: 'integer' },
    currency: { type: 'string' },
    status: { type: 'string' },
    reason: { type: 'string', nullable: true },
    cardBrand: { type: 'string', fieldName: 'card_brand' },
    cardLast4: { type: 'string', fieldName: 'card_last4' },
    cardExpMonth: { type: 'integer', fieldName: 'card_exp_month' },
    cardExpYear: { type: 'integer', fieldName: 'card_exp_year' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
  },
});

/** The `payment_methods` table: registered cards behind their tokens, without their numbers. */
export const PaymentMethodSchema = new EntitySchema<PaymentMethodRecord>({
  name: 'PaymentMethod',
  tableName: 'payment_methods',
  properties: {
    token: { type: 'uuid', primary: true },
    brand: { type: 'string' },
    last4: { type: 'string' },
    expMonth: { type: 'integer', fieldName: 'exp_month' },
    expYear: { type: 'integer', fieldName: 'exp_year' },
    outcome: { type: 'string' },
    declineReason: { type: 'string', fieldName: 'decline_reason', nullable: true },
    createdAt: { type: 'Date', fieldName: 'created_at' },
  },
});
