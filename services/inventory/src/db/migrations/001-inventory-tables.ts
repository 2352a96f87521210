import { Migration } from '@mikro-orm/migrations';

export class InventoryTables001 extends Migration {
  override async up(): Promise<void> {
    // The checks are the last line against overselling: no code path can leave reserved above on hand.
    this.addSql(`create table stock (
      product_id uuid primary key,
      seller_id uuid not null,
      on_hand int not null check (on_hand >= 0),
      reserved int not null default 0 check (reserved >= 0),
      available int generated always as (on_hand - reserved) stored,
      updated_at timestamptz not null default now(),
      constraint stock_reserved_within_on_hand check (reserved <= on_hand)
    )`);
    this.addSql('create index stock_seller on stock (seller_id)');
    // No foreign key to stock: a line for an unknown product fails the reserve as insufficient stock.
    this.addSql(`create table reservations (
      order_id uuid not null,
      product_id uuid not null,
      quantity int not null check (quantity > 0),
      status text not null check (status in ('reserved', 'released', 'committed')),
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (order_id, product_id)
    )`);
    this.addSql(`create index reservations_expiring on reservations (expires_at) where status = 'reserved'`);
    this.addSql(`create table stock_movements (
      id bigserial primary key,
      product_id uuid not null,
      order_id uuid,
      kind text not null check (kind in ('set', 'reserve', 'release', 'expire', 'commit')),
      on_hand_delta int not null,
      reserved_delta int not null,
      on_hand_after int not null,
      reserved_after int not null,
      created_at timestamptz not null default now()
    )`);
    this.addSql('create index stock_movements_product on stock_movements (product_id, created_at)');
  }
}
