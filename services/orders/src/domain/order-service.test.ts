import type { CheckoutStep, Order } from '@shopmesh/contracts';
import { awaitsApproval } from './order-service';

const at = '2026-01-01T00:00:00.000Z';
const order = (status: Order['status'], steps: CheckoutStep[]) => ({ status, timeline: steps.map((step) => ({ step, outcome: 'ok' as const, at })) });

describe('awaitsApproval', () => {
  it('when payments asked for action and the order is pending, then the saga waits for the shopper', () => {
    expect(awaitsApproval(order('PENDING', ['placed', 'stock-reserved', 'payment-action-required']))).toBe(true);
  });

  it('when the wait timed out, the order is settled, or no action was asked, then there is nothing to approve', () => {
    expect(awaitsApproval(order('PENDING', ['placed', 'payment-action-required', 'payment-approval-timed-out']))).toBe(false);
    expect(awaitsApproval(order('CANCELLED', ['placed', 'payment-action-required']))).toBe(false);
    expect(awaitsApproval(order('PENDING', ['placed', 'stock-reserved']))).toBe(false);
  });
});
