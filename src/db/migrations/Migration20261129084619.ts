import { Migration } from '@mikro-orm/migrations';

export class Migration20261129084619 extends Migration {

  override name = 'Migration20261129084619';

  override up(): void | Promise<void> {
    this.addSql(`create table "job" ("id" bigserial primary key, "tenant_id" uuid null, "kind" varchar(40) not null, "payload" jsonb not null, "status" varchar(10) not null default 'queued', "dedupe_key" varchar(120) null, "run_at" timestamptz not null, "attempts" int not null default 0, "locked_until" timestamptz null, "locked_by" varchar(80) null, "last_error" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "job_tenant_id_index" on "job" ("tenant_id");`);
    this.addSql(`create index "job_ready_index" on "job" ("status", "run_at");`);
    // One live job per dedupe key (e.g. transmit:<invoice>): enqueueing twice is a no-op (not expressible in the entity).
    this.addSql(`create unique index "job_dedupe_live_unique" on "job" ("dedupe_key") where "status" in ('queued', 'running');`);

    this.addSql(`create table "mh_credential" ("id" uuid not null, "tenant_id" uuid not null, "ambiente" varchar(2) not null, "api_user" varchar(14) not null, "api_password_enc" text not null, "certificate_nit" varchar(14) not null, "public_key_pem" text not null, "private_key_enc" text not null, "not_before" timestamptz not null, "not_after" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "mh_credential" add constraint "mh_credential_tenant_id_ambiente_unique" unique ("tenant_id", "ambiente");`);

    this.addSql(`create table "lote" ("id" uuid not null, "tenant_id" uuid not null, "ambiente" varchar(2) not null, "contingency_event" uuid not null, "status" varchar(10) not null, "id_envio" varchar(36) not null, "codigo_lote" varchar(36) null, "invoice_ids" jsonb not null, "polls" int not null default 0, "sent_at" timestamptz null, "completed_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "lote_tenant_id_index" on "lote" ("tenant_id");`);
    this.addSql(`create index "lote_contingency_event_index" on "lote" ("contingency_event");`);
    this.addSql(`alter table "lote" add constraint "lote_id_envio_unique" unique ("id_envio");`);

    this.addSql(`create table "invoice" ("id" uuid not null, "tenant_id" uuid not null, "ambiente" varchar(2) not null, "tipo_dte" varchar(2) not null, "status" varchar(16) not null, "referencia_externa" varchar(100) not null, "request_hash" varchar(64) not null, "input" jsonb not null, "codigo_generacion" varchar(36) not null, "numero_control" varchar(31) not null, "cod_estable_mh" varchar(4) not null, "cod_punto_venta_mh" varchar(4) not null, "fec_emi" varchar(10) not null, "hor_emi" varchar(8) not null, "document" jsonb not null, "signed_document" text null, "sello_recibido" varchar(40) null, "fh_procesamiento" varchar(19) null, "observaciones" jsonb null, "mh_codigo_msg" varchar(10) null, "mh_descripcion_msg" text null, "total_pagar" numeric(16,2) not null, "receptor_nombre" varchar(250) null, "receptor_num_documento" varchar(30) null, "receptor_correo" varchar(100) null, "patient_id" varchar(100) null, "send_attempts" int not null default 0, "tipo_contingencia" int null, "motivo_contin" varchar(500) null, "contingency_event" uuid null, "contingency_deadline" timestamptz null, "transmit_deadline" timestamptz null, "invalidation_deadline" varchar(10) null, "invalidation" jsonb null, "processed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "invoice_tenant_id_index" on "invoice" ("tenant_id");`);
    this.addSql(`create index "invoice_status_index" on "invoice" ("status");`);
    this.addSql(`alter table "invoice" add constraint "invoice_codigo_generacion_unique" unique ("codigo_generacion");`);
    this.addSql(`create index "invoice_patient_id_index" on "invoice" ("patient_id");`);
    this.addSql(`create index "invoice_contingency_event_index" on "invoice" ("contingency_event");`);
    this.addSql(`alter table "invoice" add constraint "invoice_tenant_reference_unique" unique ("tenant_id", "referencia_externa");`);
    this.addSql(`alter table "invoice" add constraint "invoice_tenant_numero_control_unique" unique ("tenant_id", "numero_control");`);

    this.addSql(`create table "invoice_event" ("id" bigserial primary key, "tenant_id" uuid not null, "invoice_id" uuid not null, "type" varchar(40) not null, "from_status" varchar(16) null, "to_status" varchar(16) null, "data" jsonb null, "created_at" timestamptz not null);`);
    this.addSql(`create index "invoice_event_invoice_id_index" on "invoice_event" ("invoice_id");`);

    this.addSql(`create table "control_counter" ("tenant_id" uuid not null, "tipo_dte" varchar(2) not null, "cod_estable_mh" varchar(4) not null, "cod_punto_venta_mh" varchar(4) not null, "year" int not null, "last_value" bigint not null, primary key ("tenant_id", "tipo_dte", "cod_estable_mh", "cod_punto_venta_mh", "year"));`);

    this.addSql(`create table "contingency_event" ("id" uuid not null, "tenant_id" uuid not null, "ambiente" varchar(2) not null, "status" varchar(10) not null, "codigo_generacion" varchar(36) not null, "tipo_contingencia" int not null, "motivo_contin" varchar(500) null, "started_at" timestamptz not null, "ended_at" timestamptz null, "deadline" timestamptz null, "document" jsonb null, "sello_recibido" varchar(40) null, "observaciones" jsonb null, "attempts" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "contingency_event_tenant_id_index" on "contingency_event" ("tenant_id");`);
    this.addSql(`alter table "contingency_event" add constraint "contingency_event_codigo_generacion_unique" unique ("codigo_generacion");`);

    this.addSql(`alter table "tenant" drop column "mh_api_password_enc";`);

    this.addSql(`alter table "mh_credential" add constraint "mh_credential_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);

    this.addSql(`alter table "lote" add constraint "lote_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);

    this.addSql(`alter table "invoice" add constraint "invoice_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);

    this.addSql(`alter table "invoice_event" add constraint "invoice_event_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);
    this.addSql(`alter table "invoice_event" add constraint "invoice_event_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id");`);

    this.addSql(`alter table "control_counter" add constraint "control_counter_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);

    this.addSql(`alter table "contingency_event" add constraint "contingency_event_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "invoice_event" drop constraint "invoice_event_invoice_id_foreign";`);

    this.addSql(`drop table if exists "job" cascade;`);
    this.addSql(`drop table if exists "mh_credential" cascade;`);
    this.addSql(`drop table if exists "lote" cascade;`);
    this.addSql(`drop table if exists "invoice" cascade;`);
    this.addSql(`drop table if exists "invoice_event" cascade;`);
    this.addSql(`drop table if exists "control_counter" cascade;`);
    this.addSql(`drop table if exists "contingency_event" cascade;`);

    this.addSql(`alter table "tenant" add "mh_api_password_enc" text null;`);
  }

}
