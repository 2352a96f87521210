import { Migration } from '@mikro-orm/migrations';

/** Logins are throttled per (account, client IP) in the state store now; the per-account lock is gone. */
export class DropAccountLockout002 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table users drop column failed_logins, drop column failure_window_started_at, drop column locked_until');
  }
}
