import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderDelivered,
  OrderPlaced,
  OrderShipped,
  PaymentActionRequired,
  PaymentFailed,
  PaymentRefunded,
  ReviewPosted,
  Topics,
  UserRegistered,
} from '@shopmesh/contracts';
import { handleOnce, type CloudEvent, type Clock, type Subscription } from '@shopmesh/platform';
import type { NotificationRow } from '../db/notification.entity';
import { notificationWrites } from '../db/notification-store';
import { renderNotification, renderOrderCancelledEmail, renderOrderConfirmedEmail, renderOrderShippedEmail, type NotificationEvent } from '../domain/render';
import type { SendEmail } from '../clients/email';
import type { NotificationFanout } from '../domain/fanout';

export interface SubscriptionDeps {
  orm: MikroORM;
  fanout: NotificationFanout;
  sendEmail: SendEmail;
  clock: Clock;
}

/** Whom a notification is for: named by the event, or found through the order it is about. */
type Recipient = { userId: string; orderId?: string } | { orderOf: string };

const subscription = <T>(topic: string, schema: z.ZodType<T>, handler: (event: CloudEvent<T>) => Promise<unknown>): Subscription<T> => ({
  topic,
  schema,
  handler: async (event) => {
    await handler(event);
  },
});

/** The events that become notifications; each is stored once per event id, then streamed. */
export function notificationSubscriptions(deps: SubscriptionDeps): Subscription<any>[] {
  async function notify(event: CloudEvent, source: NotificationEvent, recipient: Recipient): Promise<NotificationRow | undefined> {
    const stored: { row?: NotificationRow } = {};
    await handleOnce(deps.orm, event, async (em) => {
      const writes = notificationWrites(em);
      let userId: string;
      if ('orderOf' in recipient) {
        const owner = await writes.ownerOf(recipient.orderOf);
        // Thrown so the bus redelivers: the order's own event may simply not have arrived yet.
        if (!owner) throw new Error(`owner of order ${recipient.orderOf} is not known yet`);
        userId = owner;
      } else {
        userId = recipient.userId;
        if (recipient.orderId) await writes.rememberOrderOwner(recipient.orderId, userId);
      }
      stored.row = { id: randomUUID(), userId, ...renderNotification(source), createdAt: deps.clock.now(), readAt: null };
      writes.add(stored.row);
    });
    if (stored.row) deps.fanout.publish(stored.row);
    return stored.row;
  }

  return [
    subscription(Topics.userRegistered, UserRegistered, (e) => notify(e, { kind: 'welcome', data: e.data }, { userId: e.data.userId })),
    subscription(Topics.orderPlaced, OrderPlaced, (e) => notify(e, { kind: 'order-placed', data: e.data }, e.data)),
    subscription(Topics.orderConfirmed, OrderConfirmed, async (e) => {
      const row = await notify(e, { kind: 'order-confirmed', data: e.data }, e.data);
      if (row) await deps.sendEmail(renderOrderConfirmedEmail(e.data), { userId: e.data.userId, orderId: e.data.orderId });
    }),
    subscription(Topics.orderCancelled, OrderCancelled, async (e) => {
      const row = await notify(e, { kind: 'order-cancelled', data: e.data }, e.data);
      if (row) await deps.sendEmail(renderOrderCancelledEmail(e.data), { userId: e.data.userId, orderId: e.data.orderId });
    }),
    subscription(Topics.orderShipped, OrderShipped, async (e) => {
      const row = await notify(e, { kind: 'order-shipped', data: e.data }, e.data);
      if (row) await deps.sendEmail(renderOrderShippedEmail(e.data), { userId: e.data.userId, orderId: e.data.orderId });
    }),
    subscription(Topics.orderDelivered, OrderDelivered, (e) => notify(e, { kind: 'order-delivered', data: e.data }, e.data)),
    subscription(Topics.paymentActionRequired, PaymentActionRequired, (e) => notify(e, { kind: 'payment-action-required', data: e.data }, e.data)),
    subscription(Topics.paymentFailed, PaymentFailed, (e) => notify(e, { kind: 'payment-failed', data: e.data }, { orderOf: e.data.orderId })),
    subscription(Topics.paymentRefunded, PaymentRefunded, (e) => notify(e, { kind: 'payment-refunded', data: e.data }, { orderOf: e.data.orderId })),
    // The seller hears of each new review of their products.
    subscription(Topics.reviewPosted, ReviewPosted, (e) => notify(e, { kind: 'review-posted', data: e.data }, { userId: e.data.sellerId })),
  ];
}
