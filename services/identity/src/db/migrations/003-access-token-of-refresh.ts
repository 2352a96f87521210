import { Migration } from '@mikro-orm/migrations';

/** Each refresh token remembers the access token issued beside it, so revoking its family can deny that too. */
export class AccessTokenOfRefresh003 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table refresh_tokens add column access_jti text, add column access_expires_at timestamptz');
  }
}
