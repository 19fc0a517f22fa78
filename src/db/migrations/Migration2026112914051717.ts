import { Migration } from '@mikro-orm/migrations';

export class Migration2026112914051717 extends Migration {

  override name = 'Migration2026112914051717';

  override up(): void | Promise<void> {
    this.addSql(`alter table "invoice" add "sandbox" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "invoice" drop column "sandbox";`);
  }

}
