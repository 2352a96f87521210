import { Migration } from '@mikro-orm/migrations';

export class CreateOrders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table orders (
      id uuid primary key,
      user_id uuid not null,
      idempotency_key text not null,
      request_hash text not null,
      status text not null check (status in ('PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
      cancel_reason text,
      total_amount bigint not null check (total_amount >= 0),
      currency char(3) not null,
      shipping_address jsonb not null,
      payment_last4 text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (user_id, idempotency_key)
    )`);
    this.addSql('create index orders_by_user on orders (user_id, created_at desc)');
    this.addSql(`create index orders_pending on orders (created_at) where status = 'PENDING'`);
    this.addSql(`create table order_lines (
      order_id uuid not null references orders (id) on delete cascade deferrable initially deferred,
      line_no int not null,
      product_id uuid not null,
      seller_id uuid not null,
      name text not null,
      quantity int not null check (quantity > 0),
      unit_price jsonb not null,
      primary key (order_id, line_no)
    )`);
    this.addSql('create index order_lines_by_seller on order_lines (seller_id)');
    this.addSql(`create table order_timeline (
      order_id uuid not null references orders (id) on delete cascade deferrable initially deferred,
      step text not null,
      outcome text not null,
      detail text,
      at timestamptz not null default now(),
      primary key (order_id, step)
    )`);
  }
}

/** Orders keep payments' token for the card, so a saga restarted from the database can still charge. */
export class AddPaymentMethod extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table orders add column payment_method uuid');
    this.addSql(`update orders set status = 'CANCELLED', cancel_reason = 'no payment method recorded' where payment_method is null and status = 'PENDING'`);
  }
}

/** Compensation failures were recorded under the activity's name; the steps are an enum now. */
export class RenameCompensationSteps extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update order_timeline set step = 'payment-void-failed' where step = 'voidPayment-failed'`);
    this.addSql(`update order_timeline set step = 'stock-release-failed' where step = 'releaseStock-failed'`);
  }
}

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

export const migrations = [
  { name: '001-create-orders', class: CreateOrders },
  { name: '002-payment-method', class: AddPaymentMethod },
  { name: '003-compensation-steps', class: RenameCompensationSteps },
  { name: '004-shipments-and-cancel', class: AddShipmentsAndCancel },
];
