import { Migration } from '@mikro-orm/migrations';

/** The perishable-medicine flag of a document, kept on the row since the request body is no longer stored. */
export class Migration2026112915200001 extends Migration {

  override name = 'Migration2026112915200001';

  override up(): void | Promise<void> {
    this.addSql(`alter table "invoice" add "perishable_medicine" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "invoice" drop column "perishable_medicine";`);
  }

}
