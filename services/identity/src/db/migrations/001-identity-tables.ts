import { Migration } from '@mikro-orm/migrations';

export class IdentityTables001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table users (
      id uuid primary key,
      email text not null unique,
      name text not null,
      role text not null check (role in ('customer', 'seller', 'admin')),
      password_hash text not null,
      failed_logins int not null default 0,
      failure_window_started_at timestamptz,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table refresh_tokens (
      token_hash text primary key,
      family_id uuid not null,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      revoked_at timestamptz
    )`);
    this.addSql('create index refresh_tokens_family on refresh_tokens (family_id)');
    this.addSql(`create table addresses (
      id uuid primary key,
      user_id uuid not null references users (id) on delete cascade,
      name text not null,
      line1 text not null,
      line2 text,
      city text not null,
      region text,
      postal_code text not null,
      country char(2) not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql('create index addresses_user on addresses (user_id, created_at)');
    // Private keys sit here only when no jwt-signing-key secret is configured (local and embedded runs).
    this.addSql(`create table signing_keys (
      kid text primary key,
      private_pem text not null,
      created_at timestamptz not null default now()
    )`);
  }
}
