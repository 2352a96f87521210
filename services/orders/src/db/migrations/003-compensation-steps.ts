import { Migration } from '@mikro-orm/migrations';

/** Compensation failures were recorded under the activity's name; the steps are an enum now. */
export class RenameCompensationSteps extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update order_timeline set step = 'payment-void-failed' where step = 'voidPayment-failed'`);
    this.addSql(`update order_timeline set step = 'stock-release-failed' where step = 'releaseStock-failed'`);
  }
}
