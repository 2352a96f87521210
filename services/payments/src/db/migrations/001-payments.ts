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

export class CreatePaymentMethods extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table payment_methods (
      token uuid primary key,
      brand text not null,
      last4 char(4) not null,
      exp_month smallint not null,
      exp_year smallint not null,
      outcome text not null check (outcome in ('authorized', 'requires_action', 'declined')),
      decline_reason text,
      created_at timestamptz not null
    )`);
  }
}

export const paymentMigrations = [
  { name: '001-payments', class: CreatePayments },
  { name: '002-payment-methods', class: CreatePaymentMethods },
];
