import { Migration } from '@mikro-orm/migrations';

/**
 * Sellers' own products and what shoppers say about them: soft deletion (a deleted product leaves
 * lists and search but stays readable for past orders), products without an image of their own (the
 * catalog draws one), the rating kept on the product (so search can filter by it), reviews, and the
 * projection of confirmed order lines the catalog learns from orders' events (verified purchases and
 * bought-together co-occurrence).
 */
export class CatalogShopLife003 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table products add column deleted_at timestamptz');
    this.addSql('alter table products alter column image_url drop not null');
    // The seed used to point at an online photo service; the catalog now draws them, so the shop looks right offline.
    this.addSql(`update products set image_url = null where image_url like 'https://picsum.photos/%'`);
    this.addSql('alter table products add column rating_count int not null default 0 check (rating_count >= 0)');
    this.addSql('alter table products add column rating_total int not null default 0 check (rating_total >= 0)');
    this.addSql(`create table reviews (
      id uuid primary key,
      product_id uuid not null references products (id),
      user_id uuid not null,
      author_name text not null,
      rating smallint not null check (rating between 1 and 5),
      title text,
      body text not null check (length(body) <= 4000),
      created_at timestamptz not null default now(),
      unique (product_id, user_id)
    )`);
    this.addSql('create index reviews_newest on reviews (product_id, created_at desc, id)');
    // Names shoppers registered with, so a review shows its author without asking identity.
    this.addSql(`create table people (
      user_id uuid primary key,
      display_name text not null
    )`);
    this.addSql(`create table order_lines (
      order_id uuid not null,
      product_id uuid not null,
      user_id uuid not null,
      confirmed_at timestamptz not null,
      cancelled_at timestamptz,
      primary key (order_id, product_id)
    )`);
    this.addSql('create index order_lines_product on order_lines (product_id, order_id)');
    this.addSql('create index order_lines_buyer on order_lines (user_id, product_id)');
  }
}
