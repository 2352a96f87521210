import type { CatalogTables } from './rows';
import type { SqlPart } from './search-sql';

/** One suggestion row: a product (key = id) or a category (key = slug). */
export interface SuggestionRow {
  kind: 'product' | 'category';
  key: string;
  text: string;
  score: number;
}

/**
 * How close a typo may be to still suggest (pg_trgm word similarity; "hedlamp" vs "headlamp" is 0.55).
 * Set per transaction with `set local pg_trgm.word_similarity_threshold`.
 */
export const TYPO_THRESHOLD = 0.4;

/**
 * Product names and category names that start with `text` (best), contain it, or nearly spell one of
 * their words (trigram word similarity, served by the trigram indexes), best first.
 */
export function buildSuggestSql(text: string, limit: number, t: CatalogTables): SqlPart {
  const score = `greatest(case when lower(name) like ? then 1.0 when lower(name) like ? then 0.8 else 0 end, word_similarity(?, lower(name)))`;
  const match = `lower(name) like ? or ? <% lower(name)`;
  const prefix = `${escapeLike(text)}%`;
  const inside = `%${escapeLike(text)}%`;
  const scoreParams = [prefix, inside, text];
  const matchParams = [inside, text];
  return {
    sql: `select kind, key, text, score from (
        select 'product' as kind, id::text as key, name as text, ${score} as score from ${t.products} where deleted_at is null and (${match})
        union all
        select 'category' as kind, slug as key, name as text, ${score} as score from ${t.categories} where ${match}
      ) s order by score desc, length(text), text limit ?`,
    params: [...scoreParams, ...matchParams, ...scoreParams, ...matchParams, limit],
  };
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
