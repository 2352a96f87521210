import { EntitySchema } from '@mikro-orm/postgresql';
import type { MailKind, NotificationKind } from '@shopmesh/contracts';

export interface NotificationRow {
  id: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

/** Who placed an order: payment events name only the order, so their notifications find the user here. */
export interface OrderOwner {
  orderId: string;
  userId: string;
}

export const NotificationSchema = new EntitySchema<NotificationRow>({
  name: 'Notification',
  tableName: 'notifications',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid', fieldName: 'user_id' },
    kind: { type: 'string' },
    title: { type: 'string' },
    body: { type: 'text' },
    data: { type: 'json' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    readAt: { type: 'Date', fieldName: 'read_at', nullable: true },
  },
});

export const OrderOwnerSchema = new EntitySchema<OrderOwner>({
  name: 'OrderOwner',
  tableName: 'order_owners',
  properties: {
    orderId: { type: 'uuid', primary: true, fieldName: 'order_id' },
    userId: { type: 'uuid', fieldName: 'user_id' },
  },
});

/** A mail the dev mailbox kept (embedded mode): what was sent through the email binding, for an admin to read. */
export interface DevMailRow {
  id: string;
  to: string | null;
  subject: string;
  body: string;
  kind: MailKind;
  sentAt: Date;
}

export const DevMailSchema = new EntitySchema<DevMailRow>({
  name: 'DevMail',
  tableName: 'dev_mail',
  properties: {
    id: { type: 'uuid', primary: true },
    to: { type: 'string', fieldName: 'recipient', nullable: true },
    subject: { type: 'string' },
    body: { type: 'text' },
    kind: { type: 'string' },
    sentAt: { type: 'Date', fieldName: 'sent_at' },
  },
});
