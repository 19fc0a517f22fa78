import { Migration } from '@mikro-orm/migrations';

export class Migration2026112913421307 extends Migration {

  override name = 'Migration2026112913421307';

  override up(): void | Promise<void> {
    this.addSql(`create table "monthly_report" ("id" uuid not null, "tenant_id" uuid not null, "period" varchar(7) not null, "kind" varchar(20) not null, "ambiente" varchar(2) not null, "options" jsonb not null, "status" varchar(10) not null, "progress" int not null default 0, "documents" int not null default 0, "error" text null, "completed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "monthly_report_tenant_created_index" on "monthly_report" ("tenant_id", "created_at");`);

    this.addSql(`create table "monthly_report_file" ("id" uuid not null, "tenant_id" uuid not null, "report_id" uuid not null, "name" varchar(100) not null, "content_type" varchar(60) not null, "content" bytea not null, "bytes" int not null, "sha256" varchar(64) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "monthly_report_file_report_id_index" on "monthly_report_file" ("report_id");`);

    this.addSql(`create table "tenant_calendar" ("tenant_id" uuid not null, "extra_days" jsonb not null, "updated_at" timestamptz not null, primary key ("tenant_id"));`);

    this.addSql(`alter table "monthly_report" add constraint "monthly_report_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);

    this.addSql(`alter table "monthly_report_file" add constraint "monthly_report_file_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);
    this.addSql(`alter table "monthly_report_file" add constraint "monthly_report_file_report_id_foreign" foreign key ("report_id") references "monthly_report" ("id") on delete cascade;`);

    this.addSql(`alter table "tenant_calendar" add constraint "tenant_calendar_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "monthly_report_file" drop constraint "monthly_report_file_report_id_foreign";`);

    this.addSql(`drop table if exists "monthly_report" cascade;`);
    this.addSql(`drop table if exists "monthly_report_file" cascade;`);
    this.addSql(`drop table if exists "tenant_calendar" cascade;`);
  }

}
