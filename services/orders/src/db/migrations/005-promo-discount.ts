import { Migration } from '@mikro-orm/migrations';

/**
 * The promo code an order was placed with and what it took off, so the order shows the code by name;
 * `total_amount` stays what was charged. An order placed before kept only its discounted total: its
 * discount is the lines' sum less that total, with no code name to show.
 */
export class AddPromoDiscount extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table orders add column promo_code text');
    this.addSql('alter table orders add column discount_amount bigint not null default 0 check (discount_amount >= 0)');
    this.addSql(`update orders o set discount_amount = l.sum - o.total_amount
      from (select order_id, sum((unit_price ->> 'amount')::bigint * quantity) as sum from order_lines group by order_id) l
      where l.order_id = o.id and l.sum > o.total_amount`);
  }
}
