import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { staleState } from '../../errors';
import { emissionInterval, GCRA_TOLERANCE_MS, throttleResult } from '../gcra';
import type { SaveOptions, StateEntry, StateStore } from '../port';

/**
 * The embedded state store: one row per key in the host database. Every write is a single statement,
 * so an ETag check and the write cannot interleave. Keys are prefixed with the app id, as Dapr does.
 */
export function createPostgresStateStore(pool: Pool, schema: string, appId: string): StateStore {
  const k = (key: string) => `${appId}||${key}`;
  const live = `(expires_at is null or expires_at > now())`;
  // GCRA in one statement: the row lock ON CONFLICT takes serialises concurrent callers, and the SET
  // reads the row as the previous caller left it. $2 now, $3 interval, $4 period, $5 tolerance, $6 etag.
  const base = `greatest(case when s.expires_at is null or s.expires_at > now() then (s.value #>> '{}')::float8 end, $2::float8)`;
  const allowed = `(${base} + $3::float8 - $2::float8 <= $4::float8 + $5::float8)`;
  const ttl = (tat: string) => `now() + make_interval(secs => (${tat} - $2::float8) / 1000 + 1)`;
  const throttle = `
    insert into ${schema}.state as s (key, value, etag, expires_at)
    values ($1, to_jsonb($2::float8 + $3::float8), $6, ${ttl('($2::float8 + $3::float8)')})
    on conflict (key) do update set
      value = case when ${allowed} then to_jsonb(${base} + $3::float8) else s.value end,
      etag = case when ${allowed} then $6 else s.etag end,
      expires_at = case when ${allowed} then ${ttl(`(${base} + $3::float8)`)} else s.expires_at end
    returning (value #>> '{}')::float8 as tat, etag = $6 as allowed`;
  return {
    async throttle(key, rate, nowMs) {
      const { rows } = await pool.query<{ tat: number; allowed: boolean }>(throttle, [
        k(key),
        nowMs,
        emissionInterval(rate),
        rate.periodMs,
        GCRA_TOLERANCE_MS,
        randomUUID(),
      ]);
      const row = rows[0]!;
      return throttleResult(row.tat, row.allowed, rate, nowMs);
    },
    async get<T>(key: string) {
      const { rows } = await pool.query<{ value: T; etag: string }>(`select value, etag from ${schema}.state where key = $1 and ${live}`, [k(key)]);
      return rows[0] ? { value: rows[0].value, etag: rows[0].etag } : undefined;
    },
    async save<T>(key: string, value: T, options: SaveOptions = {}) {
      const etag = randomUUID();
      const expires = options.ttlSeconds ? new Date(Date.now() + options.ttlSeconds * 1000) : null;
      const json = JSON.stringify(value);
      const result = options.onlyIfAbsent
        ? await pool.query(
            // An expired row counts as absent; a live one keeps the insert from happening.
            `insert into ${schema}.state as s (key, value, etag, expires_at) values ($1, $2, $3, $4)
             on conflict (key) do update set value = excluded.value, etag = excluded.etag, expires_at = excluded.expires_at
             where s.expires_at is not null and s.expires_at <= now()`,
            [k(key), json, etag, expires],
          )
        : options.etag === undefined
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
      if (result.rowCount === 0) throw staleState(key);
      return etag;
    },
    async delete(key, options = {}) {
      const result =
        options.etag === undefined
          ? await pool.query(`delete from ${schema}.state where key = $1`, [k(key)])
          : await pool.query(`delete from ${schema}.state where key = $1 and etag = $2`, [k(key), options.etag]);
      if (options.etag !== undefined && result.rowCount === 0) throw staleState(key);
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
