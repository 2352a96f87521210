import type {
  Money,
  NotificationKind,
  OrderCancelled,
  OrderConfirmed,
  OrderDelivered,
  OrderPlaced,
  OrderShipped,
  PaymentActionRequired,
  PaymentFailed,
  PaymentRefunded,
  ReviewPosted,
  UserRegistered,
} from '@shopmesh/contracts';

/** The events notifications are made from, by kind. */
export type NotificationEvent =
  | { kind: 'welcome'; data: UserRegistered }
  | { kind: 'order-placed'; data: OrderPlaced }
  | { kind: 'order-confirmed'; data: OrderConfirmed }
  | { kind: 'order-cancelled'; data: OrderCancelled }
  | { kind: 'order-shipped'; data: OrderShipped }
  | { kind: 'order-delivered'; data: OrderDelivered }
  | { kind: 'payment-failed'; data: PaymentFailed }
  | { kind: 'payment-action-required'; data: PaymentActionRequired }
  | { kind: 'payment-refunded'; data: PaymentRefunded }
  | { kind: 'review-posted'; data: ReviewPosted };

/** What a shopper reads, plus the ids the storefront links to. */
export interface RenderedNotification {
  kind: NotificationKind;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

/** Minor units as a price, with as many decimals as the currency has (2 for USD, 0 for JPY). */
export function formatMoney(money: Money): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** decimals);
}

/** The short order reference shoppers see: the first 8 characters of the id, upper case. */
export const orderRef = (orderId: string): string => `#${orderId.slice(0, 8).toUpperCase()}`;

const items = (n: number): string => `${n} ${n === 1 ? 'item' : 'items'}`;
const unitCount = (lines: { quantity: number }[]): number => lines.reduce((sum, l) => sum + l.quantity, 0);

const declineReasons: Record<string, string> = {
  card_declined: 'the card was declined',
  insufficient_funds: 'the card has insufficient funds',
};

export function renderNotification(event: NotificationEvent): RenderedNotification {
  switch (event.kind) {
    case 'welcome':
      return {
        kind: 'welcome',
        title: `Welcome to ShopMesh, ${event.data.name}!`,
        body:
          event.data.role === 'seller'
            ? 'Your seller account is ready. List your first product in the seller portal.'
            : 'Your account is ready. Happy shopping!',
        data: { userId: event.data.userId },
      };
    case 'order-placed':
      return {
        kind: 'order-placed',
        title: `Order ${orderRef(event.data.orderId)} received`,
        body: `We received your order of ${items(unitCount(event.data.items))} totalling ${formatMoney(event.data.total)} and are processing it.`,
        data: { orderId: event.data.orderId, total: event.data.total },
      };
    case 'order-confirmed':
      return {
        kind: 'order-confirmed',
        title: `Order ${orderRef(event.data.orderId)} confirmed`,
        body: `Your order of ${items(unitCount(event.data.items))} totalling ${formatMoney(event.data.total)} is confirmed.`,
        data: { orderId: event.data.orderId, total: event.data.total },
      };
    case 'order-cancelled':
      return {
        kind: 'order-cancelled',
        title: `Order ${orderRef(event.data.orderId)} cancelled`,
        body: `Your order was cancelled: ${event.data.reason}.`,
        data: { orderId: event.data.orderId, reason: event.data.reason },
      };
    case 'order-shipped':
      return {
        kind: 'order-shipped',
        title:
          event.data.orderStatus === 'SHIPPED' || !event.data.trackingNumber
            ? `Order ${orderRef(event.data.orderId)} shipped`
            : `Part of order ${orderRef(event.data.orderId)} shipped`,
        body: event.data.trackingNumber
          ? `${event.data.orderStatus === 'SHIPPED' ? 'Your order is on its way' : 'A package of your order is on its way'} with ${event.data.carrier}, tracking number ${event.data.trackingNumber}.`
          : 'Your order is on its way.',
        data: {
          orderId: event.data.orderId,
          ...(event.data.carrier ? { carrier: event.data.carrier } : {}),
          ...(event.data.trackingNumber ? { trackingNumber: event.data.trackingNumber } : {}),
        },
      };
    case 'order-delivered':
      return {
        kind: 'order-delivered',
        title:
          event.data.orderStatus === 'DELIVERED'
            ? `Order ${orderRef(event.data.orderId)} delivered`
            : `Part of order ${orderRef(event.data.orderId)} delivered`,
        body:
          event.data.orderStatus === 'DELIVERED'
            ? 'Everything you ordered has arrived. Enjoy!'
            : 'A package of your order has arrived; the rest is on its way.',
        data: { orderId: event.data.orderId },
      };
    case 'payment-action-required':
      return {
        kind: 'payment-action-required',
        title: `Approve the payment for order ${orderRef(event.data.orderId)}`,
        body: 'Your card asks you to approve this payment. Approve it to complete the order, or it will be cancelled.',
        data: { orderId: event.data.orderId, approvePath: event.data.approvePath, ...(event.data.expiresAt ? { expiresAt: event.data.expiresAt } : {}) },
      };
    case 'payment-refunded':
      return {
        kind: 'payment-refunded',
        title: `Refund for order ${orderRef(event.data.orderId)}`,
        body: `We refunded ${formatMoney(event.data.amount)} to your card.`,
        data: { orderId: event.data.orderId, amount: event.data.amount },
      };
    case 'payment-failed':
      return {
        kind: 'payment-failed',
        title: `Payment for order ${orderRef(event.data.orderId)} failed`,
        body: `We could not take the payment: ${declineReasons[event.data.reason] ?? event.data.reason.replace(/_/g, ' ')}.`,
        data: { orderId: event.data.orderId, reason: event.data.reason },
      };
    case 'review-posted':
      return {
        kind: 'review-posted',
        title: `New ${event.data.rating}-star review of ${event.data.productName}`,
        body: `${event.data.authorName} wrote${event.data.title ? ` “${event.data.title}”` : ' a review'}.`,
        data: { productId: event.data.productId, reviewId: event.data.reviewId, rating: event.data.rating },
      };
  }
}

export function renderOrderConfirmedEmail(event: OrderConfirmed): { subject: string; body: string } {
  const lines = event.items.map((l) => `  ${l.quantity} x ${l.name} @ ${formatMoney(l.unitPrice)}`);
  return {
    subject: `Your ShopMesh order ${orderRef(event.orderId)} is confirmed`,
    body: [`Thank you for your order ${orderRef(event.orderId)}.`, '', ...lines, '', `Total: ${formatMoney(event.total)}`].join('\n'),
  };
}

/** The email for the statuses a shopper gets one for: confirmed (above), shipped and cancelled. */
export function renderOrderShippedEmail(event: OrderShipped): { subject: string; body: string } {
  const tracking = event.trackingNumber ? `Carrier: ${event.carrier}\nTracking number: ${event.trackingNumber}` : '';
  return {
    subject: `Your ShopMesh order ${orderRef(event.orderId)} has shipped`,
    body: [`A package of your order ${orderRef(event.orderId)} is on its way.`, '', tracking].join('\n').trim(),
  };
}

export function renderOrderCancelledEmail(event: OrderCancelled): { subject: string; body: string } {
  return {
    subject: `Your ShopMesh order ${orderRef(event.orderId)} was cancelled`,
    body: `Your order ${orderRef(event.orderId)} was cancelled: ${event.reason}. Any payment taken is refunded to your card.`,
  };
}
