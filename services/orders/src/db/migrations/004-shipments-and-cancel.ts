import { Migration } from '@mikro-orm/migrations';

/**
 * Fulfilment and cancellation: one shipment per seller of a confirmed order; a shopper's cancel request
 * the saga honours at confirmation; a cancel code beside the readable reason; timeline steps that repeat
 * per shipment (keyed by the seller in `ref`).
 */
export class AddShipmentsAndCancel extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table orders add column cancel_code text');
    this.addSql('alter table orders add column cancel_requested_at timestamptz');
    this.addSql(`alter table order_timeline add column ref text not null default ''`);
    this.addSql('alter table order_timeline drop constraint order_timeline_pkey');
    this.addSql('alter table order_timeline add primary key (order_id, step, ref)');
    this.addSql(`create table shipments (
      order_id uuid not null references orders (id) on delete cascade deferrable initially deferred,
      seller_id uuid not null,
      status text not null check (status in ('CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
      carrier text,
      tracking_number text,
      shipped_at timestamptz,
      delivered_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (order_id, seller_id),
      check ((status in ('SHIPPED', 'DELIVERED')) = (carrier is not null and tracking_number is not null and shipped_at is not null))
    )`);
    this.addSql('create index shipments_by_seller on shipments (seller_id, created_at desc, order_id)');
  }
}
