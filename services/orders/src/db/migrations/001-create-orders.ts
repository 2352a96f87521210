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
