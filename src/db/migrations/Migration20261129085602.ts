import { Migration } from '@mikro-orm/migrations';

export class Migration20261129085602 extends Migration {

  override name = 'Migration20261129085602';

  override up(): void | Promise<void> {
    this.addSql(`create table "invoice_document" ("id" uuid not null, "tenant_id" uuid not null, "invoice_id" uuid not null, "status" varchar(16) not null, "variant" varchar(10) not null, "content_type" varchar(60) not null, "content" bytea not null, "bytes" int not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "invoice_document" add constraint "invoice_document_unique" unique ("invoice_id", "status", "variant");`);

    this.addSql(`create table "invoice_email" ("id" uuid not null, "tenant_id" uuid not null, "invoice_id" uuid not null, "to" varchar(100) not null, "status" varchar(20) not null default 'PENDING', "attempts" int not null default 0, "message_id" varchar(300) null, "location" varchar(1000) null, "error" text null, "sent_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "invoice_email_invoice_id_index" on "invoice_email" ("invoice_id");`);

    this.addSql(`create table "webhook_endpoint" ("id" uuid not null, "tenant_id" uuid not null, "url" varchar(2000) not null, "description" varchar(250) null, "event_types" jsonb not null, "enabled" boolean not null default true, "disabled_reason" varchar(500) null, "secret" text not null, "previous_secret" text null, "previous_secret_expires_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "webhook_endpoint_tenant_id_index" on "webhook_endpoint" ("tenant_id");`);

    this.addSql(`create table "webhook_delivery" ("id" uuid not null, "tenant_id" uuid not null, "endpoint_id" uuid not null, "invoice_id" uuid null, "invoice_event_id" bigint null, "event_type" varchar(40) not null, "data" jsonb not null, "status" varchar(10) not null default 'PENDING', "round_attempts" int not null default 0, "total_attempts" int not null default 0, "next_attempt_at" timestamptz null, "last_status_code" int null, "last_error" text null, "delivered_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_invoice_id_index" on "webhook_delivery" ("invoice_id");`);
    this.addSql(`create index "webhook_delivery_tenant_created_index" on "webhook_delivery" ("tenant_id", "created_at");`);
    this.addSql(`create index "webhook_delivery_endpoint_created_index" on "webhook_delivery" ("endpoint_id", "created_at");`);

    this.addSql(`create table "webhook_attempt" ("id" bigserial primary key, "tenant_id" uuid not null, "delivery_id" uuid not null, "attempt" int not null, "status_code" int null, "duration_ms" int not null, "error" text null, "created_at" timestamptz not null);`);
    this.addSql(`create index "webhook_attempt_delivery_id_index" on "webhook_attempt" ("delivery_id");`);

    this.addSql(`alter table "invoice_document" add constraint "invoice_document_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);
    this.addSql(`alter table "invoice_document" add constraint "invoice_document_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on delete cascade;`);

    this.addSql(`alter table "invoice_email" add constraint "invoice_email_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);
    this.addSql(`alter table "invoice_email" add constraint "invoice_email_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on delete cascade;`);

    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);

    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on delete cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on delete set null;`);

    this.addSql(`alter table "webhook_attempt" add constraint "webhook_attempt_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);
    this.addSql(`alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_endpoint_id_foreign";`);
    this.addSql(`alter table "webhook_attempt" drop constraint "webhook_attempt_delivery_id_foreign";`);

    this.addSql(`drop table if exists "invoice_document" cascade;`);
    this.addSql(`drop table if exists "invoice_email" cascade;`);
    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "webhook_attempt" cascade;`);
  }

}
