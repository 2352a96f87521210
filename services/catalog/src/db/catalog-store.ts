import { Topics, type ProductChanged } from '@shopmesh/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordEvent } from '@shopmesh/platform';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { CatalogStore } from '../domain/ports';
import type { ProductRecord } from '../domain/ports';
import { catalogTables, toCategory, toProductRecord, toReview, toSeller, type CategoryRow, type ProductRow, type ReviewRow, type SellerRow } from './rows';
import { LISTED, PRICE_BUCKETS, PRODUCT_COLUMNS, buildKeywordIdsSql, buildNearestIdsSql, buildSearchSql, vectorLiteral } from './search-sql';
import { TYPO_THRESHOLD, buildSuggestSql, type SuggestionRow } from './suggest-sql';
import { insertCatalogRows } from './seed-insert';

const toPriceFacets = (rows: { min: number; count: number }[]) =>
  rows.map((r) => ({ min: Number(r.min), max: PRICE_BUCKETS[PRICE_BUCKETS.indexOf(Number(r.min)) + 1] ?? null, count: r.count }));

/** The catalog's PostgreSQL storage; `onEvents` runs after a commit that queued outbox events. */
export function createCatalogStore(orm: MikroORM, onEvents: () => void): CatalogStore {
  const t = catalogTables(orm.config.get('schema') ?? 'public');
  const categorySelect = `select c.slug, c.name, c.description, count(p.id)::int as product_count
    from ${t.categories} c left join ${t.products} p on p.category = c.slug and p.${LISTED}`;
  // The seeded rating stands until the seller's listed products have reviews.
  const sellerSelect = `select s.id, s.display_name,
      coalesce(sum(p.rating_total)::float8 / nullif(sum(p.rating_count), 0), s.rating::float8) as rating,
      count(p.id)::int as product_count, coalesce(sum(p.rating_count), 0)::int as review_count
    from ${t.sellers} s left join ${t.products} p on p.seller_id = s.id and p.${LISTED}`;
  const query = <T>(sql: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(sql, params, 'all');
  const changed = (em: EntityManager, product: Pick<ProductRecord, 'id' | 'sellerId'>, change: ProductChanged['change']) => {
    const event: ProductChanged = { productId: product.id, sellerId: product.sellerId, change };
    recordEvent(em, Topics.productChanged, event);
  };

  return {
    async search(plan) {
      const sql = buildSearchSql(plan, t.products);
      const [rows, count, categories, prices] = await Promise.all([
        query<ProductRow>(sql.page.sql, sql.page.params),
        query<{ total: number }>(sql.count.sql, sql.count.params),
        query<{ slug: string; count: number }>(sql.categories.sql, sql.categories.params),
        query<{ min: number; count: number }>(sql.prices.sql, sql.prices.params),
      ]);
      return { items: rows.map(toProductRecord), total: count[0]?.total ?? 0, facets: { categories, prices: toPriceFacets(prices) } };
    },

    async rankedIds(plan, ranking, limit) {
      if (ranking.by === 'keyword') {
        if (!plan.keyword) return [];
        const sql = buildKeywordIdsSql(plan, limit, t.products);
        return (await query<{ id: string }>(sql.sql, sql.params)).map((r) => r.id);
      }
      const sql = buildNearestIdsSql(plan, ranking.vector, limit, t.products);
      return orm.em.fork().transactional(async (em) => {
        // Iterative scans (pgvector 0.8) keep walking the HNSW graph until `limit` rows pass the filters,
        // so a narrow category or price range does not starve the results.
        await em.execute(`set local hnsw.iterative_scan = relaxed_order`, [], 'run');
        await em.execute(`set local hnsw.ef_search = ${Math.max(40, Math.min(1000, limit))}`, [], 'run');
        return (await em.execute<{ id: string }[]>(sql.sql, sql.params, 'all')).map((r) => r.id);
      });
    },

    async suggest(text, limit) {
      // Several products may share a name; rows are fetched with headroom and one of each name is kept.
      const sql = buildSuggestSql(text, limit * 3, t);
      const rows = await orm.em.fork().transactional(async (em) => {
        await em.execute(`set local pg_trgm.word_similarity_threshold = ${TYPO_THRESHOLD}`, [], 'run');
        return em.execute<SuggestionRow[]>(sql.sql, sql.params, 'all');
      });
      const seen = new Set<string>();
      return rows
        .filter((r) => !seen.has(`${r.kind}:${r.text}`) && seen.add(`${r.kind}:${r.text}`))
        .slice(0, limit)
        .map((r) => (r.kind === 'product' ? { kind: 'product' as const, id: r.key, text: r.text } : { kind: 'category' as const, slug: r.key, text: r.text }));
    },

    async nearestTo(productId, limit) {
      const [self] = await query<{ has: boolean }>(`select embedding is not null as has from ${t.products} where id = ?`, [productId]);
      if (!self?.has) return [];
      const rows = await query<ProductRow>(
        `select ${PRODUCT_COLUMNS} from ${t.products}
          where embedding is not null and id <> ? and ${LISTED}
          order by embedding <=> (select embedding from ${t.products} where id = ?) limit ?`,
        [productId, productId, limit],
      );
      return rows.map(toProductRecord);
    },

    async productsWithoutEmbedding(limit) {
      const rows = await query<ProductRow>(`select ${PRODUCT_COLUMNS} from ${t.products} where embedding is null and ${LISTED} order by id limit ?`, [limit]);
      return rows.map(toProductRecord);
    },

    async embeddingSourceOf(productId) {
      const [row] = await query<{ source: string | null }>(`select embedding_source as source from ${t.products} where id = ?`, [productId]);
      return row ? row.source : undefined;
    },

    async saveEmbeddings(embeddings) {
      if (embeddings.length === 0) return;
      // One statement per batch: a row per product in a VALUES list.
      await orm.em.fork().execute(
        `update ${t.products} p set embedding = v.embedding::vector, embedding_source = v.source
            from (values ${embeddings.map(() => '(?::uuid, ?, ?)').join(', ')}) as v (id, source, embedding) where p.id = v.id`,
        embeddings.flatMap((e) => [e.id, e.source, vectorLiteral(e.vector)]),
        'run',
      );
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
        query<ProductRow>(`select ${PRODUCT_COLUMNS} from ${t.products} where seller_id = ? and ${LISTED} order by created_at desc, id limit ? offset ?`, [
          sellerId,
          limit,
          offset,
        ]),
        query<{ total: number }>(`select count(*)::int as total from ${t.products} where seller_id = ? and ${LISTED}`, [sellerId]),
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
      await orm.em.fork().execute(
        // A seller who listed a product before their registration arrived has a provisional name: the real one wins.
        `insert into ${t.sellers} (id, display_name, rating) values (?, ?, ?) on conflict (id) do update set display_name = excluded.display_name`,
        [seller.id, seller.displayName, seller.rating],
        'run',
      );
    },

    async markProductChanged(product, now) {
      await orm.em.fork().transactional(async (em) => {
        await em.execute(`update ${t.products} set updated_at = ? where id = ?`, [now, product.id], 'run');
        changed(em, product, 'updated');
      });
      onEvents();
    },

    async boughtTogether(productId, limit) {
      const rows = await query<ProductRow>(
        `select ${PRODUCT_COLUMNS.split(', ')
          .map((c) => `p.${c}`)
          .join(', ')} from (
            select o2.product_id, count(*) as together, max(o2.confirmed_at) as latest
              from ${t.purchaseLines} o1 join ${t.purchaseLines} o2 on o2.order_id = o1.order_id and o2.product_id <> o1.product_id
             where o1.product_id = ? and o1.cancelled_at is null
             group by o2.product_id
          ) t join ${t.products} p on p.id = t.product_id and p.${LISTED}
          order by t.together desc, t.latest desc, p.id limit ?`,
        [productId, limit],
      );
      return rows.map(toProductRecord);
    },

    async createProduct(product, sellerName) {
      await orm.em.fork().transactional(async (em) => {
        await em.execute(`insert into ${t.sellers} (id, display_name) values (?, ?) on conflict do nothing`, [product.sellerId, sellerName], 'run');
        await insertCatalogRows(em, t, { categories: [], sellers: [], products: [product] });
        changed(em, product, 'created');
      });
      onEvents();
    },

    async updateProduct(product) {
      await orm.em.fork().transactional(async (em) => {
        await em.execute(
          `update ${t.products} set name = ?, description = ?, category = ?, price_amount = ?, currency = ?, image_url = ?,
              attributes = ?::jsonb, updated_at = ? where id = ?`,
          [
            product.name,
            product.description,
            product.category,
            product.priceAmount,
            product.currency,
            product.imageUrl,
            JSON.stringify(product.attributes),
            product.updatedAt,
            product.id,
          ],
          'run',
        );
        changed(em, product, 'updated');
      });
      onEvents();
    },

    async deleteProduct(product, now) {
      await orm.em.fork().transactional(async (em) => {
        await em.execute(`update ${t.products} set deleted_at = ?, updated_at = ? where id = ? and ${LISTED}`, [now, now, product.id], 'run');
        changed(em, product, 'deleted');
      });
      onEvents();
    },

    async reviews(productId, limit, offset) {
      // Verified at read time: a purchase confirmed after the review (or cancelled since) is reflected.
      const [rows, count] = await Promise.all([
        query<ReviewRow>(
          `select r.id, r.product_id, r.user_id, r.author_name, r.rating, r.title, r.body, r.created_at,
                  exists (select 1 from ${t.purchaseLines} o where o.user_id = r.user_id and o.product_id = r.product_id and o.cancelled_at is null)
                    as verified_purchase
             from ${t.reviews} r where r.product_id = ? order by r.created_at desc, r.id limit ? offset ?`,
          [productId, limit, offset],
        ),
        query<{ total: number }>(`select count(*)::int as total from ${t.reviews} where product_id = ?`, [productId]),
      ]);
      return { items: rows.map(toReview), total: count[0]?.total ?? 0 };
    },

    async addReview(review, event) {
      const outcome = await orm.em.fork().transactional(async (em) => {
        const inserted = await em.execute<{ id: string }[]>(
          `insert into ${t.reviews} (id, product_id, user_id, author_name, rating, title, body, created_at)
             values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (product_id, user_id) do nothing returning id`,
          [review.id, review.productId, review.userId, review.authorName, review.rating, review.title, review.body, review.createdAt],
          'all',
        );
        if (inserted.length === 0) return 'duplicate' as const;
        await em.execute(
          `update ${t.products} set rating_count = rating_count + 1, rating_total = rating_total + ? where id = ?`,
          [review.rating, review.productId],
          'run',
        );
        recordEvent(em, Topics.reviewPosted, event);
        changed(em, { id: event.productId, sellerId: event.sellerId }, 'updated');
        return 'added' as const;
      });
      if (outcome === 'added') onEvents();
      return outcome;
    },

    async hasConfirmedPurchase(userId, productId) {
      const rows = await query(`select 1 from ${t.purchaseLines} where user_id = ? and product_id = ? and cancelled_at is null limit 1`, [userId, productId]);
      return rows.length > 0;
    },

    async personName(userId) {
      const [row] = await query<{ display_name: string }>(`select display_name from ${t.people} where user_id = ?`, [userId]);
      return row?.display_name;
    },

    async rememberPerson(userId, displayName) {
      await orm.em
        .fork()
        .execute(
          `insert into ${t.people} (user_id, display_name) values (?, ?) on conflict (user_id) do update set display_name = excluded.display_name`,
          [userId, displayName],
          'run',
        );
    },

    async recordConfirmedOrder(lines) {
      if (lines.length === 0) return;
      await orm.em.fork().execute(
        `insert into ${t.purchaseLines} (order_id, product_id, user_id, confirmed_at) values ${lines.map(() => '(?, ?, ?, ?)').join(', ')}
           on conflict (order_id, product_id) do nothing`,
        lines.flatMap((l) => [l.orderId, l.productId, l.userId, l.confirmedAt]),
        'run',
      );
    },

    async recordCancelledOrder(orderId, at) {
      await orm.em.fork().execute(`update ${t.purchaseLines} set cancelled_at = ? where order_id = ? and cancelled_at is null`, [at, orderId], 'run');
    },

    async hasProducts() {
      return (await query(`select 1 from ${t.products} limit 1`)).length > 0;
    },

    async insertCatalog(data) {
      await orm.em.fork().transactional((em) => insertCatalogRows(em, t, data));
    },
  };
}
