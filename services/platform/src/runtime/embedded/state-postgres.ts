import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { conflict } from '../../errors';
import type { SaveOptions, StateEntry, StateStore } from '../port';

/**
 * The embedded state store: one row per key in the host database. Every write is a single statement,
 * so an ETag check and the write cannot interleave. Keys are prefixed with the app id, as Dapr does.
 */
export function createPostgresStateStore(pool: Pool, schema: string, appId: string): StateStore {
  const k = (key: string) => `${appId}||${key}`;
  const live = `(expires_at is null or expires_at > now())`;
  return {
    async get<T>(key: string) {
      const { rows } = await pool.query<{ value: T; etag: string }>(`select value, etag from ${schema}.state where key = $1 and ${live}`, [k(key)]);
      return rows[0] ? { value: rows[0].value, etag: rows[0].etag } : undefined;
    },
    async save<T>(key: string, value: T, options: SaveOptions = {}) {
      const etag = randomUUID();
      const expires = options.ttlSeconds ? new Date(Date.now() + options.ttlSeconds * 1000) : null;
      const json = JSON.stringify(value);
      const result =
        options.etag === undefined
          ? await pool.query(
              `insert into ${schema}.state (key, value, etag, expires_at) values ($1, $2, $3, $4)
               on conflict (key) do update set value = excluded.value, etag = excluded.etag, expires_at = excluded.expires_at`,
              [k(key), json, etag, expires],
            )
          : await pool.query(`update ${schema}.state set value = $2, etag = $3, expires_at = $4 where key = $1 and etag = $5 and ${live}`, [
              k(key),
              json,
              etag,
              expires,
              options.etag,
            ]);
      if (result.rowCount === 0) throw conflict('etag-mismatch', `State ${key} was changed by someone else`);
      return etag;
    },
    async delete(key, options = {}) {
      const result =
        options.etag === undefined
          ? await pool.query(`delete from ${schema}.state where key = $1`, [k(key)])
          : await pool.query(`delete from ${schema}.state where key = $1 and etag = $2`, [k(key), options.etag]);
      if (options.etag !== undefined && result.rowCount === 0) throw conflict('etag-mismatch', `State ${key} was changed by someone else`);
    },
    async getBulk<T>(keys: string[]) {
      const { rows } = await pool.query<{ key: string; value: T; etag: string }>(
        `select key, value, etag from ${schema}.state where key = any($1) and ${live}`,
        [keys.map(k)],
      );
      const prefix = `${appId}||`;
      return new Map<string, StateEntry<T>>(rows.map((r) => [r.key.slice(prefix.length), { value: r.value, etag: r.etag }]));
    },
  };
}
