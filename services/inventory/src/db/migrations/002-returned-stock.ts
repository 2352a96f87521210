import { Migration } from '@mikro-orm/migrations';

/** A cancelled order's sold units come back on hand: a reservation can end `returned`, a movement be a `return`. */
export class ReturnedStock002 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table reservations drop constraint reservations_status_check');
    this.addSql(`alter table reservations add constraint reservations_status_check check (status in ('reserved', 'released', 'committed', 'returned'))`);
    this.addSql('alter table stock_movements drop constraint stock_movements_kind_check');
    this.addSql(
      `alter table stock_movements add constraint stock_movements_kind_check check (kind in ('set', 'reserve', 'release', 'expire', 'commit', 'return'))`,
    );
  }
}
