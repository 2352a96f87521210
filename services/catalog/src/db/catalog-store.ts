import { Topics, type ProductChanged } from '@shopmesh/contracts';
import { recordEvent } from '@shopmesh/platform';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { CatalogStore } from '../domain/ports';
import { catalogTables, toCategory, toProductRecord, toSeller, type CategoryRow, type ProductRow, type SellerRow } from './rows';
import { PRODUCT_COLUMNS, buildSearchSql } from './search-sql';
import { insertCatalogRows } from './seed-insert';

/** The catalog's PostgreSQL storage; `onEvents` runs after a commit that queued outbox events. */
export function createCatalogStore(orm: MikroORM, onEvents: () => void): CatalogStore {
  const t = catalogTables(orm.config.get('schema') ?? 'public');
  const categorySelect = `select c.slug, c.name, c.description, count(p.id)::int as product_count
    from ${t.categories} c left join ${t.products} p on p.category = c.slug`;
  const sellerSelect = `select s.id, s.display_name, s.rating::float8 as rating, count(p.id)::int as product_count
    from ${t.sellers} s left join ${t.products} p on p.seller_id = s.id`;
  const query = <T>(sql: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(sql, params, 'all');

  return {
    async search(plan) {
      const sql = buildSearchSql(plan, t.products);
      const [rows, count, facets] = await Promise.all([
        query<ProductRow>(sql.page.sql, sql.page.params),
        query<{ total: number }>(sql.count.sql, sql.count.params),
        query<{ slug: string; count: number }>(sql.facets.sql, sql.facets.params),
      ]);
      return { items: rows.map(toProductRecord), total: count[0]?.total ?? 0, facets };
    },

    async product(id) {
      const [row] = await query<ProductRow>(`select ${PRODUCT_COLUMNS} from ${t.products} where id = ?`, [id]);
      return row && toProductRecord(row);
    },

    async products(ids) {
      if (ids.length === 0) return [];
      return (await query<ProductRow>(`select ${PRODUCT_COLUMNS} from ${t.products} where id in (?)`, [ids])).map(toProductRecord);
    },

    async sellerProducts(sellerId, limit, offset) {
      const [rows, count] = await Promise.all([
        query<ProductRow>(`select ${PRODUCT_COLUMNS} from ${t.products} where seller_id = ? order by created_at desc, id limit ? offset ?`, [
          sellerId,
          limit,
          offset,
        ]),
        query<{ total: number }>(`select count(*)::int as total from ${t.products} where seller_id = ?`, [sellerId]),
      ]);
      return { items: rows.map(toProductRecord), total: count[0]?.total ?? 0 };
    },

    async categories() {
      return (await query<CategoryRow>(`${categorySelect} group by c.slug order by c.position, c.name`)).map(toCategory);
    },

    async category(slug) {
      const [row] = await query<CategoryRow>(`${categorySelect} where c.slug = ? group by c.slug`, [slug]);
      return row && toCategory(row);
    },

    async seller(id) {
      const [row] = await query<SellerRow>(`${sellerSelect} where s.id = ? group by s.id`, [id]);
      return row && toSeller(row);
    },

    async addSeller(seller) {
      await orm.em
        .fork()
        .execute(
          `insert into ${t.sellers} (id, display_name, rating) values (?, ?, ?) on conflict do nothing`,
          [seller.id, seller.displayName, seller.rating],
          'run',
        );
    },

    async markProductChanged(product, now) {
      await orm.em.fork().transactional(async (em) => {
        await em.execute(`update ${t.products} set updated_at = ? where id = ?`, [now, product.id], 'run');
        const event: ProductChanged = { productId: product.id, sellerId: product.sellerId, change: 'updated' };
        recordEvent(em, Topics.productChanged, event);
      });
      onEvents();
    },

    async hasProducts() {
      return (await query(`select 1 from ${t.products} limit 1`)).length > 0;
    },

    async insertCatalog(data) {
      await orm.em.fork().transactional((em) => insertCatalogRows(em, t, data));
    },
  };
}
