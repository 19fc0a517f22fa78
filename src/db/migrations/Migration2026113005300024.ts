import { Migration } from '@mikro-orm/migrations';

/**
 * `search_text`: the receptor's name and referenciaExterna as the containment search sees them (lower-cased and
 * unaccented, as in `fx_invoice_search`), written with the row by a trigger whenever one of them is written. A listing
 * that walks the newest documents checks a fragment against it (and against numeroControl and codigoGeneracion
 * lower-cased: they are ASCII as the service makes them) instead of unaccenting four columns of every row it reads.
 * The two identifiers are left out of it on purpose: with them (≈ 110 bytes) a typical row no longer fits in a
 * quarter of a page, and its document is moved to TOAST (≈ 300 bytes more per document); without them (≈ 40 bytes)
 * it stays where it was.
 *
 * Adding a nullable column without a default changes only the catalog (no row is rewritten; the lock is held for a
 * moment, and given up after a few seconds rather than queueing writers behind it). Rows written before have no
 * value: the search computes theirs (and the newest documents, the ones walked, are soon all new ones).
 */
export class Migration2026113005300024 extends Migration {

  override name = 'Migration2026113005300024';

  override up(): void | Promise<void> {
    this.addSql(`set local lock_timeout = '5s';`);
    this.addSql(`alter table "invoice" add column if not exists "search_text" text;`);
    this.addSql(`create or replace function fx_invoice_search_text(nombre text, referencia text) returns text
      language sql immutable parallel safe
      return lower(fx_unaccent(coalesce(nombre, ''))) || E'\\x1f' || lower(fx_unaccent(coalesce(referencia, '')));`);
    this.addSql(`create or replace function fx_invoice_search_text_write() returns trigger language plpgsql as $$
      begin
        new.search_text := fx_invoice_search_text(new.receptor_nombre, new.referencia_externa);
        return new;
      end $$;`);
    this.addSql(`create or replace trigger invoice_search_text before insert or update of receptor_nombre,
      referencia_externa, search_text on "invoice" for each row execute function fx_invoice_search_text_write();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists invoice_search_text on "invoice";`);
    this.addSql(`drop function if exists fx_invoice_search_text_write();`);
    this.addSql(`drop function if exists fx_invoice_search_text(text, text);`);
    this.addSql(`alter table "invoice" drop column if exists "search_text";`);
  }

}
