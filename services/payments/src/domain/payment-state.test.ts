import type { PaymentStatus } from '@shopmesh/contracts';
import { transition, type PaymentAction } from './payment-state';

describe('payment state transitions', () => {
  it.each<[PaymentStatus, PaymentAction, PaymentStatus, boolean]>([
    ['requires_action', 'approve', 'authorized', true],
    ['authorized', 'approve', 'authorized', false],
    ['authorized', 'void', 'voided', true],
    ['requires_action', 'void', 'voided', true],
    ['voided', 'void', 'voided', false],
    ['authorized', 'refund', 'refunded', true],
    ['refunded', 'refund', 'refunded', false],
  ])('when a %s payment is asked to %s, then it is %s (changed: %s)', (from, action, to, changed) => {
    expect(transition(from, action)).toEqual({ status: to, changed });
  });

  it.each<[PaymentStatus, PaymentAction]>([
    ['declined', 'approve'],
    ['voided', 'approve'],
    ['refunded', 'approve'],
    ['declined', 'void'],
    ['refunded', 'void'],
    ['declined', 'refund'],
    ['voided', 'refund'],
    ['requires_action', 'refund'],
  ])('when a %s payment is asked to %s, then it is a 409 invalid-payment-state', (from, action) => {
    expect(() => transition(from, action)).toThrow(expect.objectContaining({ status: 409, code: 'invalid-payment-state' }));
  });
});
