import { EntitySchema } from '@mikro-orm/postgresql';
import type { MailKind } from '@shopmesh/contracts';

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
