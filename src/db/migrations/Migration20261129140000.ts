import { Migration } from '@mikro-orm/migrations';

export class Migration20261129140000 extends Migration {

  override name = 'Migration20261129140000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "invoice" add "warnings" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "invoice" drop column "warnings";`);
  }

}
