import { Migration } from '@mikro-orm/migrations';

export class Migration20261129091830 extends Migration {

  override name = 'Migration20261129091830';

  override up(): void | Promise<void> {
    this.addSql(`alter table "tenant" add "logo" bytea null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "tenant" drop column "logo";`);
  }

}
