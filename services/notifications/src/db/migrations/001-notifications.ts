import { Migration } from '@mikro-orm/migrations';

export class CreateNotifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table notifications (
      id uuid primary key,
      user_id uuid not null,
      kind text not null,
      title text not null,
      body text not null,
      data jsonb not null default '{}',
      created_at timestamptz not null,
      read_at timestamptz
    )`);
    // Serves the newest-first page, the unread count and the SSE replay of one user.
    this.addSql('create index notifications_user_created on notifications (user_id, created_at desc, id desc)');
    this.addSql(`create table order_owners (
      order_id uuid primary key,
      user_id uuid not null
    )`);
  }
}

/** The dev mailbox: mail sent in embedded mode, kept for an admin to read (`GET /admin/mail`). */
