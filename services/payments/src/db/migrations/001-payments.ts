import { Migration } from '@mikro-orm/migrations';

export class CreatePayments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table payments (
      id uuid primary key,
      order_id uuid not null unique,
      amount integer not null check (amount > 0),
      currency char(3) not null,
      status text not null check (status in ('authorized', 'requires_action', 'declined', 'voided', 'refunded')),
      reason text,
      card_brand text not null,
      card_last4 char(4) not null,
      card_exp_month smallint not null,
      card_exp_year smallint not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`);
  }
}
