import { Migration } from '@mikro-orm/migrations';

/** Orders keep payments' token for the card, so a saga restarted from the database can still charge. */
export class AddPaymentMethod extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table orders add column payment_method uuid');
    this.addSql(`update orders set status = 'CANCELLED', cancel_reason = 'no payment method recorded' where payment_method is null and status = 'PENDING'`);
  }
}
