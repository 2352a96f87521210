import type { Pool } from 'pg';

/**
 * Tables of the embedded runtime, in their own schema of the host database: the state store, the
 * durable pub/sub queue and workflow instances with their histories.
 */
export async function createRuntimeTables(pool: Pool, schema: string): Promise<void> {
  // `if not exists` does not hold against a concurrent creator (the multi-process host starts every
  // service at once). The statements run as one implicit transaction, so the advisory lock taken first
  // lets one process create everything while the others wait, then see it.
  await pool.query(`
    select pg_advisory_xact_lock(hashtext('shopmesh runtime tables ${schema}'));
    create schema if not exists ${schema};
    create table if not exists ${schema}.state (
      key text primary key,
      value jsonb not null,
      etag text not null,
      expires_at timestamptz
    );
    create table if not exists ${schema}.deliveries (
      id bigserial primary key,
      subscriber text not null,
      topic text not null,
      event jsonb not null,
      attempts int not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      dead boolean not null default false
    );
    create index if not exists deliveries_due on ${schema}.deliveries (next_attempt_at) where not dead;
    alter table ${schema}.deliveries add column if not exists dead_at timestamptz;
    create index if not exists deliveries_dead on ${schema}.deliveries (subscriber, id) where dead;
    create table if not exists ${schema}.workflow_instances (
      instance_id text primary key,
      app_id text not null,
      name text not null,
      status text not null,
      input text,
      output text,
      failure text,
      custom_status text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table if not exists ${schema}.workflow_history (
      instance_id text not null,
      seq int not null,
      event bytea not null,
      primary key (instance_id, seq)
    );
    create table if not exists ${schema}.workflow_inbox (
      id bigserial primary key,
      instance_id text not null,
      event bytea not null
    );
  `);
}
