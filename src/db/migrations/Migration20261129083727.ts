import { Migration } from '@mikro-orm/migrations';

export class Migration20261129083727 extends Migration {

  override name = 'Migration20261129083727';

  override up(): void | Promise<void> {
    this.addSql(`create table "tenant" ("id" uuid not null, "nit" varchar(14) not null, "nrc" varchar(8) not null, "nombre" varchar(250) not null, "nombre_comercial" varchar(150) null, "cod_actividad" varchar(6) not null, "desc_actividad" varchar(150) not null, "direccion" jsonb not null, "telefono" varchar(30) not null, "correo" varchar(100) not null, "ambiente" varchar(2) not null default '00', "mh_api_user" varchar(14) null, "mh_api_password_enc" text null, "is_demo" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "tenant" add constraint "tenant_nit_unique" unique ("nit");`);

    this.addSql(`create table "establishment" ("id" uuid not null, "tenant_id" uuid not null, "cod_estable_mh" varchar(4) not null, "cod_estable" varchar(10) null, "tipo_establecimiento" varchar(2) not null, "nombre" varchar(150) null, "direccion" jsonb null, "puntos_venta" jsonb not null, "is_default" boolean not null default false, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "establishment_tenant_id_index" on "establishment" ("tenant_id");`);
    this.addSql(`alter table "establishment" add constraint "establishment_tenant_id_cod_estable_mh_unique" unique ("tenant_id", "cod_estable_mh");`);

    this.addSql(`create table "api_key" ("id" uuid not null, "tenant_id" uuid null, "kind" varchar(10) not null, "name" varchar(100) not null, "prefix" varchar(24) not null, "hash" varchar(64) not null, "scopes" jsonb not null, "ambiente" varchar(2) null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "expires_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "api_key_tenant_id_index" on "api_key" ("tenant_id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_hash_unique" unique ("hash");`);

    this.addSql(`alter table "establishment" add constraint "establishment_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id");`);

    this.addSql(`alter table "api_key" add constraint "api_key_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on delete set null;`);
  }

}
