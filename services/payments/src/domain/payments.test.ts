import { Topics } from '@shopmesh/contracts';
import { TEST_CARDS } from './card';
import { createPayments, type Payments } from './payments';
import type { PaymentMethodRecord, PaymentRecord, PaymentStore } from './ports';

const ORDER = '00000000-0000-4000-8000-0000000000a1';
const clock = { now: () => new Date('2025-06-15T12:00:00.000Z') };
const card = (number: string) => ({ cardNumber: number, expMonth: 12, expYear: 2030, cvc: '123' });

/** Registers the card, then authorizes the order with its token, as the checkout saga does. */
async function authorize(payments: Payments, number: string = TEST_CARDS.approves, amount = 2599) {
  const method = await payments.registerMethod(card(number));
  return payments.authorize({ orderId: ORDER, amount: { amount, currency: 'USD' }, paymentMethod: method.token });
}

// Rows and outbox in memory; a transaction's events count only when it completes.
function memoryStore() {
  const rows = new Map<string, PaymentRecord>();
  const methods = new Map<string, PaymentMethodRecord>();
  const events: { topic: string; data: unknown }[] = [];
  const store: PaymentStore = {
    async transaction(work) {
      const pending: { topic: string; data: unknown }[] = [];
      const result = await work({
        findMethod: async (token) => methods.get(token),
        lockByOrder: async (orderId) => rows.get(orderId),
        async insert(p) {
          if (rows.has(p.orderId)) return false;
          rows.set(p.orderId, { ...p });
          return true;
        },
        async setStatus(orderId, status, now) {
          rows.set(orderId, { ...rows.get(orderId)!, status, updatedAt: now });
        },
        recordEvent: (topic, data) => pending.push({ topic, data }),
      });
      events.push(...pending);
      return result;
    },
    saveMethod: async (method) => {
      methods.set(method.token, method);
    },
    findByOrder: async (orderId) => rows.get(orderId),
  };
  return { store, rows, methods, events };
}

describe('payments', () => {
  it('when a good card is authorized, then the payment is authorized, stores only brand and last4, and announces it', async () => {
    const { store, rows, events } = memoryStore();

    const { payment, created } = await authorize(createPayments({ store, clock }));

    expect(created).toBe(true);
    expect(payment).toMatchObject({ status: 'authorized', reason: null, cardBrand: 'visa', cardLast4: '4242', amount: 2599 });
    expect(JSON.stringify([...rows.values()])).not.toContain(TEST_CARDS.approves);
    expect(events).toEqual([{ topic: Topics.paymentAuthorized, data: { paymentId: payment.id, orderId: ORDER, amount: { amount: 2599, currency: 'USD' } } }]);
  });

  it('when the order is authorized again, then the first payment is answered and nothing is announced twice', async () => {
    const { store, events } = memoryStore();
    const payments = createPayments({ store, clock });
    const first = await authorize(payments);

    const repeat = await authorize(payments, TEST_CARDS.declines);

    expect(repeat).toEqual({ payment: first.payment, created: false });
    expect(events).toHaveLength(1);
  });

  it('when the order is authorized again for another amount, then it is a 409 payment-mismatch', async () => {
    const { store } = memoryStore();
    const payments = createPayments({ store, clock });
    await authorize(payments);

    await expect(authorize(payments, TEST_CARDS.approves, 100)).rejects.toMatchObject({ status: 409, code: 'payment-mismatch' });
  });

  it('when the card is declined, then the payment is declined with its reason and payment-failed is announced', async () => {
    const { store, events } = memoryStore();

    const { payment } = await authorize(createPayments({ store, clock }), TEST_CARDS.insufficientFunds);

    expect(payment).toMatchObject({ status: 'declined', reason: 'insufficient_funds' });
    expect(events).toEqual([{ topic: Topics.paymentFailed, data: { orderId: ORDER, reason: 'insufficient_funds' } }]);
  });

  it('when a payment needing action is approved, then it becomes authorized and is announced then', async () => {
    const { store, events } = memoryStore();
    const payments = createPayments({ store, clock });
    const { payment } = await authorize(payments, TEST_CARDS.requiresAction);
    expect(payment.status).toBe('requires_action');
    expect(events).toHaveLength(0);

    const approved = await payments.apply(ORDER, 'approve');

    expect(approved.status).toBe('authorized');
    expect(events.map((e) => e.topic)).toEqual([Topics.paymentAuthorized]);
  });

  it('when a payment is refunded twice, then it is refunded and announced once', async () => {
    const { store, events } = memoryStore();
    const payments = createPayments({ store, clock });
    await authorize(payments);

    await payments.apply(ORDER, 'refund');
    const again = await payments.apply(ORDER, 'refund');

    expect(again.status).toBe('refunded');
    expect(events.map((e) => e.topic)).toEqual([Topics.paymentAuthorized, Topics.paymentRefunded]);
  });

  it('when the order has no payment, then actions and reads are a 404', async () => {
    const payments = createPayments({ store: memoryStore().store, clock });

    await expect(payments.apply(ORDER, 'void')).rejects.toMatchObject({ status: 404 });
    await expect(payments.get(ORDER)).rejects.toMatchObject({ status: 404 });
  });

  it('when the card is invalid, then nothing is stored', async () => {
    const { store, rows, methods } = memoryStore();

    await expect(authorize(createPayments({ store, clock }), '4242424242424241')).rejects.toMatchObject({ status: 400 });
    expect(rows.size).toBe(0);
    expect(methods.size).toBe(0);
  });

  it('when a card is registered, then only brand, last4, expiry and its outcome are kept', async () => {
    const { store, methods } = memoryStore();

    const method = await createPayments({ store, clock }).registerMethod(card(TEST_CARDS.requiresAction));

    expect(method).toMatchObject({ brand: 'visa', last4: '3220', outcome: 'requires_action' });
    expect(JSON.stringify([...methods.values()])).not.toContain(TEST_CARDS.requiresAction);
  });

  it('when an unknown token is authorized, then a 422 names body.paymentMethod and nothing is stored', async () => {
    const { store, rows } = memoryStore();

    await expect(
      createPayments({ store, clock }).authorize({
        orderId: ORDER,
        amount: { amount: 1, currency: 'USD' },
        paymentMethod: '00000000-0000-4000-8000-00000000dead',
      }),
    ).rejects.toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'body.paymentMethod' })] });
    expect(rows.size).toBe(0);
  });
});
