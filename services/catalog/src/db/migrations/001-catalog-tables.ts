import { Migration } from '@mikro-orm/migrations';

export class CatalogTables001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table categories (
      slug text primary key,
      name text not null,
      description text not null,
      position int not null default 0
    )`);
    this.addSql(`create table sellers (
      id uuid primary key,
      display_name text not null,
      rating numeric(2, 1) check (rating between 0 and 5),
      created_at timestamptz not null default now()
    )`);
    // The search vector is generated, so every write keeps it in step with name and description.
    this.addSql(`create table products (
      id uuid primary key,
      seller_id uuid not null references sellers (id),
      name text not null,
      slug text not null unique,
      description text not null,
      category text not null references categories (slug),
      price_amount int not null check (price_amount >= 0),
      currency char(3) not null default 'USD',
      image_url text not null,
      attributes jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      search tsvector generated always as (
        setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
      ) stored
    )`);
    this.addSql('create index products_search on products using gin (search)');
    this.addSql('create index products_category_price on products (category, price_amount)');
    this.addSql('create index products_seller on products (seller_id, created_at desc)');
    this.addSql('create index products_newest on products (created_at desc, id)');
  }
}
