import { Migration } from '@mikro-orm/migrations';

/**
 * E-mail verification and the single-use tokens mailed for it and for password resets. A token is
 * `<selector>.<verifier>`: the row is found by its selector and only the verifier's sha256 is stored,
 * compared in constant time, so neither a leaked table nor response timing yields a usable token.
 */
export class AccountTokens004 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table users add column email_verified_at timestamptz');
    this.addSql(`create table account_tokens (
      selector text primary key,
      verifier_hash text not null,
      user_id uuid not null references users (id) on delete cascade,
      purpose text not null check (purpose in ('password-reset', 'verify-email')),
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    )`);
    this.addSql('create index account_tokens_user on account_tokens (user_id, purpose)');
  }
}
