import { Migration } from '@mikro-orm/migrations';

export class Migration2026112913543107 extends Migration {

  override name = 'Migration2026112913543107';

  override up(): void | Promise<void> {
    this.addSql(`create table "fiscal_event" ("id" uuid not null, "tenant_id" uuid not null, "ambiente" varchar(2) not null, "tipo_evento" varchar(2) not null, "status" varchar(16) not null, "referencia_externa" varchar(100) not null, "request_hash" varchar(64) not null, "codigo_generacion" varchar(36) not null, "fec_emi" varchar(10) not null, "hor_emi" varchar(8) not null, "document" jsonb not null, "signed_document" text null, "lines" jsonb null, "total" numeric(16,2) not null, "sello_recibido" varchar(40) null, "fh_procesamiento" varchar(19) null, "observaciones" jsonb null, "mh_codigo_msg" varchar(10) null, "mh_descripcion_msg" text null, "send_attempts" int not null default 0, "invalidation" jsonb null, "processed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "fiscal_event_tenant_id_index" on "fiscal_event" ("tenant_id");`);
    this.addSql(`alter table "fiscal_event" add constraint "fiscal_event_codigo_generacion_unique" unique ("codigo_generacion");`);
    this.addSql(`alter table "fiscal_event" add constraint "fiscal_event_tenant_reference_unique" unique ("tenant_id", "referencia_externa");`);

    this.addSql(`alter table "fiscal_event" add constraint "fiscal_event_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "fiscal_event" cascade;`);
  }

}
