import { Migration } from '@mikro-orm/migrations';

/** Why a document waits (e.g. no MH credential yet), and why an e-mail went out without its PDF. */
export class Migration2026112914050037 extends Migration {

  override name = 'Migration2026112914050037';

  override up(): void | Promise<void> {
    this.addSql(`alter table "invoice" add "blocked_code" varchar(40) null, add "blocked_reason" text null, add "blocked_since" timestamptz null;`);
    this.addSql(`alter table "invoice_email" add "pdf_omitted_reason" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "invoice" drop column "blocked_code", drop column "blocked_reason", drop column "blocked_since";`);
    this.addSql(`alter table "invoice_email" drop column "pdf_omitted_reason";`);
  }

}
