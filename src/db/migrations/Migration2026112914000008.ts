import { Migration } from '@mikro-orm/migrations';

/**
 * Lean invoice rows and the text search's building blocks.
 * - The request body is no longer kept (its hash still answers idempotency; the document built from it is kept).
 * - `signed_document` becomes `jws`: new rows store the JWS without its payload (the payload is `document`).
 * - pg_trgm and unaccent (both ship with PostgreSQL's contrib and are "trusted": a database owner may create them),
 *   and the immutable functions the search index is built on (unaccent itself is only stable, because
 *   its dictionary could change; the wrapper names the dictionary, so an index may use it).
 * Dropping and renaming columns change only the catalog: no row is rewritten.
 */
export class Migration2026112914000008 extends Migration {

  override name = 'Migration2026112914000008';

  override async up(): Promise<void> {
    for (const ext of ['pg_trgm', 'unaccent']) await this.execute(`create extension if not exists ${ext} schema public`);
    const schema = await this.unaccentSchema();
    this.addSql(`create or replace function fx_unaccent(text) returns text language sql immutable strict parallel safe
      return ${schema}.unaccent('${schema}.unaccent'::regdictionary, $1);`);
    this.addSql(`create or replace function fx_invoice_search(nombre text, numero_control text, codigo text, referencia text)
      returns text language sql immutable parallel safe
      return lower(fx_unaccent(coalesce(nombre, '') || E'\\x1f' || coalesce(numero_control, '') || E'\\x1f'
        || coalesce(codigo, '') || E'\\x1f' || coalesce(referencia, '')));`);
    this.addSql(`alter table "invoice" drop column "input";`);
    this.addSql(`alter table "invoice" rename column "signed_document" to "jws";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "invoice" rename column "jws" to "signed_document";`);
    this.addSql(`alter table "invoice" add column "input" jsonb not null default '{}';`);
    this.addSql(`alter table "invoice" alter column "input" drop default;`);
    this.addSql(`drop function if exists fx_invoice_search(text, text, text, text);`);
    this.addSql(`drop function if exists fx_unaccent(text);`);
  }

  /** The schema unaccent lives in (an existing installation may have put it outside `public`). */
  private async unaccentSchema(): Promise<string> {
    const rows = await this.execute(`select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'unaccent'`);
    const name = (rows[0] as { nspname?: string } | undefined)?.nspname ?? 'public';
    return `"${name.replace(/"/g, '""')}"`;
  }

}
