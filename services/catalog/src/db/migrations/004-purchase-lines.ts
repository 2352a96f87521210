import { Migration } from '@mikro-orm/migrations';

/**
 * The projection of confirmed order lines gets a name of its own: in the embedded database every
 * service's schema is on one shared search path, and orders' unqualified `order_lines` must not find
 * the catalog's table.
 */
export class CatalogPurchaseLines004 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table order_lines rename to purchase_lines');
    this.addSql('alter index order_lines_pkey rename to purchase_lines_pkey');
    this.addSql('alter index order_lines_product rename to purchase_lines_product');
    this.addSql('alter index order_lines_buyer rename to purchase_lines_buyer');
  }
}
