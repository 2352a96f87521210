import { Migration } from '@mikro-orm/migrations';

export class CreateDevMail extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table dev_mail (
      id uuid primary key,
      recipient text,
      subject text not null,
      body text not null,
      kind text not null,
      sent_at timestamptz not null
    )`);
    this.addSql('create index dev_mail_sent on dev_mail (sent_at desc, id desc)');
    this.addSql('create index dev_mail_recipient on dev_mail (recipient, sent_at desc)');
  }
}
