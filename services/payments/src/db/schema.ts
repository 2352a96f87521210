import type { ServiceDatabase } from '@shopmesh/platform';
import { CreatePayments } from './migrations/001-payments';
import { CreatePaymentMethods } from './migrations/002-payment-methods';
import { PaymentMethodSchema, PaymentSchema } from './payment.entity';

/** The payments service's tables and their migrations. */
export const paymentsDatabase: ServiceDatabase = {
  entities: [PaymentSchema, PaymentMethodSchema],
  migrations: [
    { name: '001-payments', class: CreatePayments },
    { name: '002-payment-methods', class: CreatePaymentMethods },
  ],
};
