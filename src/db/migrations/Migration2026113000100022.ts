import { Migration } from '@mikro-orm/migrations';

const BATCH = 10_000;

/**
 * Containment of a fragment of several words (`ñez ram`) read from the tenant's distinct receptor names instead of
 * every document's row:
 * - `fx_name_key(nombre)`: the name as the containment search sees it (lower-cased, unaccented), and
 *   `fx_invoice_identifiers(…)`: numeroControl, codigoGeneracion and referenciaExterna the same way. Together they are
 *   the parts of `fx_invoice_search` (a fragment without the separator is contained in it iff in one of them).
 * - `receptor_name`: each tenant's distinct receptor names with their key, kept by a row trigger on `invoice` in the
 *   emitting transaction (an insert that does nothing when the name is known), with a trigram index of the keys:
 *   a fragment is matched against tens of thousands of names, not a million rows.
 * - `invoice_receptor_name_index` (tenant, receptor name, listing order): each matching name's newest documents,
 *   read in order from the index; the page is the newest of those.
 * - `invoice_spaced_identifiers_index`: trigrams of the identifiers that contain a space (partial: nearly none do).
 *   A fragment with a space can only be in those, so their few rows are all the identifier matches it can have.
 *
 * Not transactional: the table, functions and trigger commit first (from then on every new name is kept), then the
 * existing names are copied in batches of BATCH documents (each committed on its own: an interrupted run resumes),
 * then the indexes are built with CREATE INDEX CONCURRENTLY, so `invoice` stays writable throughout. An index left
 * INVALID by an interrupted build is dropped and built again.
 */
const INDEXES: [name: string, definition: string][] = [
  ['invoice_receptor_name_index',
    `("tenant_id", "receptor_nombre", "fec_emi", "created_at", "id") where receptor_nombre is not null`],
  ['invoice_spaced_identifiers_index',
    `using gin (fx_invoice_identifiers("numero_control", "codigo_generacion", "referencia_externa") gin_trgm_ops)
      where fx_invoice_identifiers("numero_control", "codigo_generacion", "referencia_externa") like '% %'`],
];

export class Migration2026113000100022 extends Migration {

  override name = 'Migration2026113000100022';

  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    await this.execute(`create or replace function fx_name_key(nombre text) returns text
      language sql immutable parallel safe
      return lower(fx_unaccent(coalesce(nombre, '')));`);
    await this.execute(`create or replace function fx_invoice_identifiers(numero_control text, codigo text,
        referencia text) returns text language sql immutable parallel safe
      return lower(fx_unaccent(coalesce(numero_control, '') || E'\\x1f' || coalesce(codigo, '') || E'\\x1f'
        || coalesce(referencia, '')));`);
    await this.execute(`create table if not exists "receptor_name" ("tenant_id" uuid not null, "nombre" text not null,
      "name_key" text not null, constraint "receptor_name_pkey" primary key ("tenant_id", "nombre"));`);
    await this.execute(`create or replace function fx_receptor_name_add() returns trigger language plpgsql as $$
      begin
        insert into receptor_name (tenant_id, nombre, name_key)
          values (new.tenant_id, new.receptor_nombre, fx_name_key(new.receptor_nombre))
          on conflict do nothing;
        return null;
      end $$;`);
    await this.execute(`create or replace trigger invoice_receptor_name_insert after insert on "invoice"
      for each row when (new.receptor_nombre is not null) execute function fx_receptor_name_add();`);
    await this.execute(`create or replace trigger invoice_receptor_name_update
      after update of tenant_id, receptor_nombre on "invoice" for each row
      when (new.receptor_nombre is not null and (new.receptor_nombre is distinct from old.receptor_nombre
        or new.tenant_id is distinct from old.tenant_id))
      execute function fx_receptor_name_add();`);
    // The names of the documents written before the trigger, a batch of documents at a time (by id).
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const rows = await this.execute(
        `with batch as (select id, tenant_id, receptor_nombre from invoice where id > ? order by id limit ${BATCH}),
           added as (insert into receptor_name (tenant_id, nombre, name_key)
             select distinct tenant_id, receptor_nombre, fx_name_key(receptor_nombre) from batch
              where receptor_nombre is not null order by 1, 2
             on conflict do nothing)
         select id from batch order by id desc limit 1`,
        [after],
      ) as { id: string }[];
      if (!rows[0]) break;
      after = rows[0].id;
    }
    const invalid = await this.execute(
      `select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid
        where not i.indisvalid and c.relname in ('receptor_name_key_index', ${INDEXES.map(([n]) => `'${n}'`).join(', ')})`,
    ) as { relname: string }[];
    for (const { relname } of invalid) this.addSql(`drop index concurrently if exists "${relname}";`);
    this.addSql(`create index concurrently if not exists "receptor_name_key_index" on "receptor_name"
      using gin ("name_key" gin_trgm_ops);`);
    for (const [name, definition] of INDEXES) {
      this.addSql(`create index concurrently if not exists "${name}" on "invoice" ${definition};`);
    }
    this.addSql(`analyze "receptor_name";`);
  }

  override down(): void | Promise<void> {
    for (const [name] of [...INDEXES].reverse()) this.addSql(`drop index concurrently if exists "${name}";`);
    this.addSql(`drop trigger if exists invoice_receptor_name_update on "invoice";`);
    this.addSql(`drop trigger if exists invoice_receptor_name_insert on "invoice";`);
    this.addSql(`drop function if exists fx_receptor_name_add();`);
    this.addSql(`drop table if exists "receptor_name";`);
    this.addSql(`drop function if exists fx_invoice_identifiers(text, text, text);`);
    this.addSql(`drop function if exists fx_name_key(text);`);
  }

}
