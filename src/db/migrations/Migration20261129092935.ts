import { Migration } from '@mikro-orm/migrations';

export class Migration20261129092935 extends Migration {

  override name = 'Migration20261129092935';

  override up(): void | Promise<void> {
    this.addSql(`drop index "job_ready_index";`);
    this.addSql(`alter table "job" add "priority" smallint not null default 5;`);
    this.addSql(`create index "job_ready_index" on "job" ("status", "priority", "run_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "job_ready_index";`);
    this.addSql(`alter table "job" drop column "priority";`);
    this.addSql(`create index "job_ready_index" on "job" ("status", "run_at");`);
  }

}
