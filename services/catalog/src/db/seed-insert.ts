import type { EntityManager } from '@mikro-orm/postgresql';
import type { CategoryRecord, ProductRecord, SellerRecord } from '../domain/ports';
import type { CatalogTables } from './rows';

const CHUNK = 50;

async function insertRows<T>(em: EntityManager, head: string, placeholders: string, rows: T[], values: (row: T) => unknown[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const sql = `${head} values ${chunk.map(() => placeholders).join(', ')} on conflict do nothing`;
    await em.execute(sql, chunk.flatMap(values), 'run');
  }
}

/** Inserts a whole catalog (the seed) in the caller's transaction; rows that exist are kept. */
export async function insertCatalogRows(
  em: EntityManager,
  t: CatalogTables,
  data: { categories: CategoryRecord[]; sellers: SellerRecord[]; products: ProductRecord[] },
): Promise<void> {
  await insertRows(em, `insert into ${t.categories} (slug, name, description, position)`, '(?, ?, ?, ?)', data.categories, (c) => [
    c.slug,
    c.name,
    c.description,
    c.position,
  ]);
  await insertRows(em, `insert into ${t.sellers} (id, display_name, rating)`, '(?, ?, ?)', data.sellers, (s) => [s.id, s.displayName, s.rating]);
  await insertRows(
    em,
    `insert into ${t.products} (id, seller_id, name, slug, description, category, price_amount, currency, image_url, attributes, created_at, updated_at)`,
    '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)',
    data.products,
    (p) => [
      p.id,
      p.sellerId,
      p.name,
      p.slug,
      p.description,
      p.category,
      p.priceAmount,
      p.currency,
      p.imageUrl,
      JSON.stringify(p.attributes),
      p.createdAt,
      p.updatedAt,
    ],
  );
}
