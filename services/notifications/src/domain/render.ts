import type {
  Money,
  NotificationKind,
  OrderCancelled,
  OrderConfirmed,
  OrderPlaced,
  OrderShipped,
  PaymentFailed,
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
  | { kind: 'payment-failed'; data: PaymentFailed }
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
        title: `Order ${orderRef(event.data.orderId)} shipped`,
        body: 'Your order is on its way.',
        data: { orderId: event.data.orderId },
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
