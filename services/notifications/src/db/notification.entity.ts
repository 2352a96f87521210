import { EntitySchema } from '@mikro-orm/postgresql';
import type { NotificationKind } from '@shopmesh/contracts';

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
