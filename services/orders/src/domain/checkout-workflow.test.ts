import { randomBytes } from 'node:crypto';
import { DomainError, implement, type Activity } from '@shopmesh/platform';
import { eventually, startTestWorkflows, type TestWorkflows } from '@shopmesh/platform/testing';
import {
  CANCEL_REQUESTED_EVENT,
  CHECKOUT_WORKFLOW,
  ORDER_REFUND_WORKFLOW,
  PAYMENT_APPROVED_EVENT,
  approvePayment,
  authorizePayment,
  cancelOrder,
  checkoutWorkflow,
  clearCart,
  commitStock,
  confirmOrder,
  orderRefundWorkflow,
  recordStep,
  refundPayment,
  releaseCart,
  releaseStock,
  reserveStock,
  returnStock,
  voidPayment,
  type CheckoutInput,
  type PaymentOutcome,
  type StepResult,
} from './checkout-workflow';

/** Activities that record what the saga asked for and answer as the test scripts them. */
function scriptedActivities(script: {
  reserve?: StepResult | Error;
  payment?: PaymentOutcome;
  approval?: PaymentOutcome;
  confirm?: Error | { confirmed: boolean };
  refund?: Error;
}) {
  const calls: string[] = [];
  const act =
    <I, O>(handle: Activity<I, O>, answer: (input: I) => O | Error | undefined) =>
    async (input: I): Promise<O> => {
      calls.push(handle.name);
      const result = answer(input);
      if (result instanceof Error) throw result;
      return result as O;
    };
  const activities = [
    implement(
      reserveStock,
      act(reserveStock, () => script.reserve ?? { ok: true }),
    ),
    implement(
      authorizePayment,
      act(authorizePayment, () => script.payment ?? { status: 'authorized' }),
    ),
    implement(
      approvePayment,
      act(approvePayment, () => script.approval ?? { status: 'authorized' }),
    ),
    implement(
      confirmOrder,
      act(confirmOrder, () => script.confirm ?? { confirmed: true }),
    ),
    implement(
      commitStock,
      act(commitStock, () => undefined),
    ),
    implement(
      clearCart,
      act(clearCart, () => undefined),
    ),
    implement(
      voidPayment,
      act(voidPayment, () => undefined),
    ),
    implement(
      releaseStock,
      act(releaseStock, () => undefined),
    ),
    implement(
      releaseCart,
      act(releaseCart, () => undefined),
    ),
    implement(
      refundPayment,
      act(refundPayment, () => script.refund),
    ),
    implement(
      returnStock,
      act(returnStock, () => undefined),
    ),
    implement(
      cancelOrder,
      act(cancelOrder, ({ reason }) => {
        calls.push(`reason:${reason}`);
      }),
    ),
    implement(
      recordStep,
      act(recordStep, ({ step }) => {
        calls.push(`step:${step}`);
      }),
    ),
  ];
  return { activities, calls };
}

describe('checkout saga', () => {
  let engine: TestWorkflows;
  afterEach(() => engine.stop());

  async function run(script: Parameters<typeof scriptedActivities>[0], options: { approve?: boolean; cancel?: boolean; timeoutSeconds?: number } = {}) {
    const { activities, calls } = scriptedActivities(script);
    engine = await startTestWorkflows({ workflows: { [CHECKOUT_WORKFLOW]: checkoutWorkflow, [ORDER_REFUND_WORKFLOW]: orderRefundWorkflow }, activities });
    const { workflows } = engine;
    const id = `order-${randomBytes(4).toString('hex')}`;
    const input: CheckoutInput = {
      orderId: id,
      userId: 'user',
      items: [{ productId: 'p', quantity: 1 }],
      payment: { amount: { amount: 100, currency: 'USD' }, paymentMethod: 'token' },
      approvalTimeoutSeconds: options.timeoutSeconds ?? 30,
      reservationTtlSeconds: 60,
    };
    await workflows.schedule(CHECKOUT_WORKFLOW, input, id);
    if (options.approve) {
      await eventually(() => calls.includes('authorizePayment'), 'the saga to ask payments');
      await workflows.raiseEvent(id, PAYMENT_APPROVED_EVENT, {});
    }
    if (options.cancel) {
      await eventually(() => calls.includes('authorizePayment'), 'the saga to ask payments');
      await workflows.raiseEvent(id, CANCEL_REQUESTED_EVENT, {});
    }
    const state = await eventually(async () => {
      const s = await workflows.get(id);
      return s?.status === 'COMPLETED' || s?.status === 'FAILED' ? s : undefined;
    }, 'the saga to end');
    return { state, calls };
  }

  it('when every step succeeds, then the order is confirmed, stock committed and the cart cleared, in that order', async () => {
    const { state, calls } = await run({});
    expect(state.output).toEqual({ status: 'CONFIRMED' });
    expect(calls).toEqual(['reserveStock', 'authorizePayment', 'confirmOrder', 'commitStock', 'clearCart']);
  });

  it('when stock is short, then the order is cancelled without touching payment', async () => {
    const { state, calls } = await run({ reserve: { ok: false, reason: 'lamp' } });
    expect(state.output).toEqual({ status: 'CANCELLED', reason: 'out-of-stock', detail: 'lamp' });
    expect(calls).toEqual(['reserveStock', 'releaseCart', 'cancelOrder', 'reason:out of stock: lamp']);
  });

  it('when the card is declined, then nothing is voided (nothing was authorized): stock and cart lines go back and the order is cancelled', async () => {
    const { state, calls } = await run({ payment: { status: 'declined', reason: 'card declined' } });
    expect(state.output).toEqual({ status: 'CANCELLED', reason: 'payment-declined', detail: 'card declined' });
    expect(calls).toEqual(['reserveStock', 'authorizePayment', 'releaseStock', 'releaseCart', 'cancelOrder', 'reason:payment declined: card declined']);
  });

  it('when the card needs approval and the shopper approves, then the order is confirmed', async () => {
    const { state, calls } = await run({ payment: { status: 'requires_action' } }, { approve: true });
    expect(state.output).toEqual({ status: 'CONFIRMED' });
    expect(calls).toEqual(['reserveStock', 'authorizePayment', 'approvePayment', 'confirmOrder', 'commitStock', 'clearCart']);
  });

  it('when the approval does not come in time, then the timer cancels the order and compensates', async () => {
    const { state, calls } = await run({ payment: { status: 'requires_action' } }, { timeoutSeconds: 0.2 });
    expect(state.output).toEqual({ status: 'CANCELLED', reason: 'payment-approval-timed-out' });
    expect(calls).toEqual([
      'reserveStock',
      'authorizePayment',
      'recordStep',
      'step:payment-approval-timed-out',
      'voidPayment',
      'releaseStock',
      'releaseCart',
      'cancelOrder',
      'reason:payment approval timed out',
    ]);
  });

  it('when reserving fails outright, then whatever was reserved is released and the order cancelled', async () => {
    const { state, calls } = await run({ reserve: new DomainError(502, 'upstream-unavailable', 'inventory is unavailable') });
    expect(state.output).toMatchObject({ status: 'CANCELLED', reason: 'stock-not-reserved', detail: expect.stringContaining('inventory is unavailable') });
    expect(calls.slice(0, 5)).toEqual([
      'reserveStock',
      'releaseStock',
      'releaseCart',
      'cancelOrder',
      expect.stringMatching(/^reason:stock could not be reserved: /),
    ]);
  });

  it('when confirming fails, then payment is voided and stock released', async () => {
    const { state, calls } = await run({ confirm: new Error('database down') });
    expect(state.output).toMatchObject({ status: 'CANCELLED', reason: 'confirmation-failed' });
    expect(calls).toEqual(expect.arrayContaining(['voidPayment', 'releaseStock', 'cancelOrder']));
    expect(calls).not.toContain('commitStock');
  });

  it('when the shopper cancels while the saga waits for the approval, then it voids, releases stock and cart lines and cancels by shopper', async () => {
    const { state, calls } = await run({ payment: { status: 'requires_action' } }, { cancel: true });
    expect(state.output).toEqual({ status: 'CANCELLED', reason: 'cancelled-by-shopper' });
    expect(calls).toEqual(['reserveStock', 'authorizePayment', 'voidPayment', 'releaseStock', 'releaseCart', 'cancelOrder', 'reason:cancelled by the shopper']);
  });

  it('when the cancel reached the order before confirmation, then the saga cancels instead of confirming and never commits stock', async () => {
    const { state, calls } = await run({ confirm: { confirmed: false } });
    expect(state.output).toEqual({ status: 'CANCELLED', reason: 'cancelled-by-shopper' });
    expect(calls).toEqual([
      'reserveStock',
      'authorizePayment',
      'confirmOrder',
      'voidPayment',
      'releaseStock',
      'releaseCart',
      'cancelOrder',
      'reason:cancelled by the shopper',
    ]);
  });

  it('when a confirmed order is refunded, then the payment is refunded and stock returned; a failing refund is recorded and the stock still returns', async () => {
    const ok = scriptedActivities({});
    engine = await startTestWorkflows({ workflows: { [ORDER_REFUND_WORKFLOW]: orderRefundWorkflow }, activities: ok.activities });
    await engine.workflows.schedule(ORDER_REFUND_WORKFLOW, { orderId: 'o1' }, 'refund-o1');
    const done = await eventually(async () => {
      const s = await engine.workflows.get('refund-o1');
      return s?.status === 'COMPLETED' ? s : undefined;
    }, 'the refund to end');
    expect(done.output).toEqual({ status: 'REFUNDED' });
    expect(ok.calls).toEqual(['refundPayment', 'returnStock']);
    await engine.stop();

    const failing = scriptedActivities({ refund: new Error('payments down') });
    engine = await startTestWorkflows({ workflows: { [ORDER_REFUND_WORKFLOW]: orderRefundWorkflow }, activities: failing.activities });
    await engine.workflows.schedule(ORDER_REFUND_WORKFLOW, { orderId: 'o2' }, 'refund-o2');
    const incomplete = await eventually(async () => {
      const s = await engine.workflows.get('refund-o2');
      return s?.status === 'COMPLETED' ? s : undefined;
    }, 'the refund to end');
    expect(incomplete.output).toEqual({ status: 'INCOMPLETE' });
    expect(failing.calls).toEqual(['refundPayment', 'recordStep', 'step:payment-refund-failed', 'returnStock']);
  });
});
