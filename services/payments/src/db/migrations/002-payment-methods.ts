import { Migration } from '@mikro-orm/migrations';

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
