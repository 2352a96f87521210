import { conflict } from '@shopmesh/platform';
import type { PaymentStatus } from '@shopmesh/contracts';

/** What can be done to an existing payment. */
export type PaymentAction = 'approve' | 'void' | 'refund';

// For each action: the statuses it moves from, and the status it leads to. Repeating an action on a
// payment already in its target status changes nothing, so retried saga steps are harmless.
const rules: Record<PaymentAction, { from: PaymentStatus[]; to: PaymentStatus }> = {
  approve: { from: ['requires_action'], to: 'authorized' },
  void: { from: ['authorized', 'requires_action'], to: 'voided' },
  refund: { from: ['authorized'], to: 'refunded' },
};

/** The status after `action`, and whether it changed; a 409 when the status does not allow it. */
export function transition(status: PaymentStatus, action: PaymentAction): { status: PaymentStatus; changed: boolean } {
  const rule = rules[action];
  if (status === rule.to) return { status, changed: false };
  if (!rule.from.includes(status))
    throw conflict('invalid-payment-state', `A ${status.replace('_', ' ')} payment cannot be ${action === 'approve' ? 'approved' : `${action}ed`}`);
  return { status: rule.to, changed: true };
}
