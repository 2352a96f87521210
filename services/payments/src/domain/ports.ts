import type { CardBrand, DeclineReason, PaymentStatus } from '@shopmesh/contracts';

/** A payment as stored: brand and last four digits only, never the card number or cvc. */
export interface PaymentRecord {
  id: string;
  orderId: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  reason: DeclineReason | null;
  cardBrand: CardBrand;
  cardLast4: string;
  cardExpMonth: number;
  cardExpYear: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface PaymentTx {
  /** The order's payment, locked until the transaction ends. */
  lockByOrder(orderId: string): Promise<PaymentRecord | undefined>;
  /** Inserts the payment unless its order already has one; answers whether it did. */
  insert(payment: PaymentRecord): Promise<boolean>;
  setStatus(orderId: string, status: PaymentStatus, now: Date): Promise<void>;
  /** Queues an event in the outbox of this transaction. */
  recordEvent(topic: string, data: unknown): void;
}

export interface PaymentStore {
  transaction<T>(work: (tx: PaymentTx) => Promise<T>): Promise<T>;
  findByOrder(orderId: string): Promise<PaymentRecord | undefined>;
}
