import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Topics } from '@shopmesh/contracts';
import { systemClock } from '@shopmesh/platform';
import { acceptFakeAppToken, fakeInternalHeaders, openTestDatabase, silentLogger, type TestDatabase } from '@shopmesh/platform/testing';
import { createApp } from '../app';
import { createPaymentStore } from '../db/payment-store';
import { paymentsDatabase } from '../db/schema';

const card = (number: string, overrides: Record<string, unknown> = {}) => ({ cardNumber: number, expMonth: 12, expYear: 2099, cvc: '123', ...overrides });

describe('payments API', () => {
  let db: TestDatabase;
  let api: ReturnType<typeof request>;

  const outbox = async (orderId: string) =>
    db.sql<{ topic: string; payload: Record<string, unknown> }>(`select topic, payload from outbox where payload->>'orderId' = ? order by created_at`, [
      orderId,
    ]);

  /** An authorize body for a freshly registered card, as the checkout saga sends it. */
  const body = async (number: string, orderId = randomUUID()) => {
    const method = await api
      .post('/internal/payment-methods')
      .send({ card: card(number) })
      .expect(201);
    return { orderId, amount: { amount: 4999, currency: 'USD' }, paymentMethod: method.body.token as string };
  };

  beforeAll(async () => {
    db = await openTestDatabase('payments', paymentsDatabase);
    const store = createPaymentStore(db.orm, { nudge: () => undefined });
    const app = acceptFakeAppToken(createApp({ store, logger: silentLogger(), clock: systemClock, ready: async () => true }));
    api = request.agent(app.callback()).set(fakeInternalHeaders);
  });
  afterAll(() => db?.close());

  it('when 4242 4242 4242 4242 is authorized, then 201 authorized with brand and last4 only, and payment-authorized is in the outbox', async () => {
    const orderId = randomUUID();

    const res = await api.post('/internal/payments/authorize').send(await body('4242 4242 4242 4242', orderId));

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ orderId, status: 'authorized', amount: { amount: 4999, currency: 'USD' }, card: { brand: 'visa', last4: '4242' } });
    expect(res.body).not.toHaveProperty('reason');
    const rows = await db.sql(`select * from payments where order_id = ?`, [orderId]);
    expect(JSON.stringify(rows)).not.toContain('4242424242424242');
    expect(await outbox(orderId)).toEqual([
      { topic: Topics.paymentAuthorized, payload: { paymentId: res.body.id, orderId, amount: { amount: 4999, currency: 'USD' } } },
    ]);
  });

  it('when the same order is authorized twice (even at once), then both answer the same payment and one event is recorded', async () => {
    const orderId = randomUUID();

    const [a, b] = await Promise.all([
      api.post('/internal/payments/authorize').send(await body('4242424242424242', orderId)),
      api.post('/internal/payments/authorize').send(await body('4242424242424242', orderId)),
    ]);
    const again = await api.post('/internal/payments/authorize').send(await body('4000000000000002', orderId));

    expect([a!.status, b!.status].sort()).toEqual([200, 201]);
    expect(b!.body.id).toBe(a!.body.id);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: a!.body.id, status: 'authorized' });
    expect(await outbox(orderId)).toHaveLength(1);
  });

  it.each([
    ['4000000000000002', 'card_declined'],
    ['4000000000009995', 'insufficient_funds'],
  ])('when card %s is used, then the payment is declined with %s and payment-failed is recorded', async (number, reason) => {
    const orderId = randomUUID();

    const res = await api.post('/internal/payments/authorize').send(await body(number, orderId));

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'declined', reason });
    expect(await outbox(orderId)).toEqual([{ topic: Topics.paymentFailed, payload: { orderId, reason } }]);
  });

  it('when the card needs shopper action, then it waits as requires_action until approved', async () => {
    const orderId = randomUUID();

    const created = await api.post('/internal/payments/authorize').send(await body('4000000000003220', orderId));
    const approved = await api.post(`/internal/payments/${orderId}/approve`);
    const read = await api.get(`/internal/payments/${orderId}`);

    expect(created.body.status).toBe('requires_action');
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('authorized');
    expect(read.body).toMatchObject({ id: created.body.id, status: 'authorized' });
    expect((await outbox(orderId)).map((r) => r.topic)).toEqual([Topics.paymentAuthorized]);
  });

  it('when a payment is voided twice, then both answer voided; refunding it then is a 409', async () => {
    const orderId = randomUUID();
    await api.post('/internal/payments/authorize').send(await body('4000000000003220', orderId));

    const first = await api.post(`/internal/payments/${orderId}/void`);
    const second = await api.post(`/internal/payments/${orderId}/void`);
    const refund = await api.post(`/internal/payments/${orderId}/refund`);

    expect([first.status, first.body.status, second.status, second.body.status]).toEqual([200, 'voided', 200, 'voided']);
    expect(refund.status).toBe(409);
    expect(refund.body.code).toBe('invalid-payment-state');
  });

  it('when an authorized payment is refunded twice, then it is refunded and payment-refunded is recorded once', async () => {
    const orderId = randomUUID();
    await api.post('/internal/payments/authorize').send(await body('5555555555554444', orderId));

    await api.post(`/internal/payments/${orderId}/refund`).expect(200);
    const again = await api.post(`/internal/payments/${orderId}/refund`);

    expect(again.body).toMatchObject({ status: 'refunded', card: { brand: 'mastercard', last4: '4444' } });
    expect((await outbox(orderId)).map((r) => r.topic)).toEqual([Topics.paymentAuthorized, Topics.paymentRefunded]);
  });

  it('when the number fails Luhn or the card has expired, then registering it is a 400 naming the field', async () => {
    const luhn = await api.post('/internal/payment-methods').send({ card: card('4242424242424241') });
    const expired = await api.post('/internal/payment-methods').send({ card: card('4242424242424242', { expYear: 2020 }) });

    expect(luhn.status).toBe(400);
    expect(luhn.body.errors).toEqual([expect.objectContaining({ field: 'body.card.cardNumber' })]);
    expect(expired.status).toBe(400);
    expect(expired.body.errors).toEqual([expect.objectContaining({ field: 'body.card.expYear' })]);
  });

  it('when a card is registered, then the answer and the database hold no card number', async () => {
    const res = await api.post('/internal/payment-methods').send({ card: card('4000000000003220') });
    const rows = await db.sql('select * from payment_methods');

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ brand: 'visa', last4: '3220' });
    expect(JSON.stringify(res.body) + JSON.stringify(rows)).not.toContain('4000000000003220');
  });

  it('when the body is malformed, then a 400 names each bad field', async () => {
    const res = await api.post('/internal/payments/authorize').send({ orderId: 'x', amount: { amount: 0, currency: 'USD' }, paymentMethod: 'nope' });

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.amount.amount', 'body.orderId', 'body.paymentMethod']);
  });

  it('when an unknown order is read, voided or approved, then it is a 404', async () => {
    const orderId = randomUUID();

    expect((await api.get(`/internal/payments/${orderId}`)).status).toBe(404);
    expect((await api.post(`/internal/payments/${orderId}/void`)).status).toBe(404);
    expect((await api.post(`/internal/payments/${orderId}/approve`)).status).toBe(404);
  });
});
