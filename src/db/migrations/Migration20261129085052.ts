import { Migration } from '@mikro-orm/migrations';

export class Migration20261129085052 extends Migration {

  override name = 'Migration20261129085052';

  override up(): void | Promise<void> {
    this.addSql(`create table "service_mapping" ("id" uuid not null, "tenant_id" uuid not null, "service_id" varchar(100) not null, "descripcion" varchar(1000) not null, "tipo_item" int not null, "uni_medida" int not null, "codigo" varchar(25) null, "tipo" varchar(10) not null, "tributos" jsonb not null, "precio" numeric(19,8) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "service_mapping_tenant_id_index" on "service_mapping" ("tenant_id");`);
    this.addSql(`alter table "service_mapping" add constraint "service_mapping_tenant_service_unique" unique ("tenant_id", "service_id");`);

    this.addSql(`create table "patient_profile" ("id" uuid not null, "tenant_id" uuid not null, "patient_id" varchar(100) not null, "tipo_documento" varchar(2) null, "num_documento" varchar(20) null, "nrc" varchar(9) null, "nombre" varchar(250) not null, "nombre_comercial" varchar(150) null, "cod_actividad" varchar(6) null, "desc_actividad" varchar(150) null, "direccion" jsonb null, "telefono" varchar(30) null, "correo" varchar(100) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "patient_profile_tenant_id_index" on "patient_profile" ("tenant_id");`);
    this.addSql(`alter table "patient_profile" add constraint "patient_profile_tenant_patient_unique" unique ("tenant_id", "patient_id");`);

    this.addSql(`alter table "service_mapping" add constraint "service_mapping_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);

    this.addSql(`alter table "patient_profile" add constraint "patient_profile_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "service_mapping" cascade;`);
    this.addSql(`drop table if exists "patient_profile" cascade;`);
  }

}
