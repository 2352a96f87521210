import { EntitySchema } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';

/** An event waiting in the outbox, written in the same transaction as the change it announces. */
export interface OutboxMessage {
  id: string;
  topic: string;
  payload: unknown;
  traceparent?: string;
  createdAt: Date;
  publishedAt?: Date;
  attempts: number;
}

/** A consumed event id, so a redelivered event is handled once. */
export interface InboxMessage {
  eventId: string;
  topic: string;
  receivedAt: Date;
}

/** The outbox table of a service. */
export const OutboxMessageSchema = new EntitySchema<OutboxMessage>({
  name: 'OutboxMessage',
  tableName: 'outbox',
  properties: {
    id: { type: 'uuid', primary: true },
    topic: { type: 'string' },
    payload: { type: 'json' },
    traceparent: { type: 'string', nullable: true },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    publishedAt: { type: 'Date', fieldName: 'published_at', nullable: true },
    attempts: { type: 'number', default: 0 },
  },
});

/** The inbox table of a service. */
export const InboxMessageSchema = new EntitySchema<InboxMessage>({
  name: 'InboxMessage',
  tableName: 'inbox',
  properties: {
    eventId: { type: 'string', primary: true, fieldName: 'event_id' },
    topic: { type: 'string' },
    receivedAt: { type: 'Date', fieldName: 'received_at' },
  },
});

/** Entities every service with a database gets. */
export const messagingEntities = [OutboxMessageSchema, InboxMessageSchema];

/** Creates the outbox and inbox tables; runs before a service's own migrations. */
export class messagingMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists outbox (
      id uuid primary key,
      topic text not null,
      payload jsonb not null,
      traceparent text,
      created_at timestamptz not null default now(),
      published_at timestamptz,
      attempts int not null default 0,
      claimed_until timestamptz
    )`);
    this.addSql('create index if not exists outbox_unpublished on outbox (created_at) where published_at is null');
    this.addSql(`create table if not exists inbox (
      event_id text primary key,
      topic text not null,
      received_at timestamptz not null default now()
    )`);
  }
}
