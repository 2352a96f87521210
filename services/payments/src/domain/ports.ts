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

/**
 * A registered card: what the simulated network will answer for it is decided from the number at
 * registration and kept in place of the number, as a real processor keeps a vaulted card behind a token.
 */
export interface PaymentMethodRecord {
  token: string;
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
  outcome: 'authorized' | 'requires_action' | 'declined';
  declineReason: DeclineReason | null;
  createdAt: Date;
}

export interface PaymentTx {
  findMethod(token: string): Promise<PaymentMethodRecord | undefined>;
  /** The order's payment, locked until the transaction ends. */
  lockByOrder(orderId: string): Promise<PaymentRecord | undefined>;
  /** Inserts the payment unless its order already has one; answers whether it did. */
  insert(payment: PaymentRecord): Promise<boolean>;
  setStatus(orderId: string, status: PaymentStatus, now: Date): Promise<void>;
  /** Queues an event in the outbox of this transaction. */
  recordEvent(topic: string, data: unknown): void;
}

export interface PaymentStore {
  saveMethod(method: PaymentMethodRecord): Promise<void>;
  transaction<T>(work: (tx: PaymentTx) => Promise<T>): Promise<T>;
  findByOrder(orderId: string): Promise<PaymentRecord | undefined>;
}
