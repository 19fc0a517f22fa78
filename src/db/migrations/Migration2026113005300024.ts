import { Migration } from '@mikro-orm/migrations';

/**
 * `search_text`: the searchable columns as the containment search sees them (`fx_invoice_search`: the receptor's name,
 * numeroControl, codigoGeneracion and referenciaExterna, unaccented and lower-cased), written with the row by a
 * trigger whenever one of them is written. A listing that walks the newest documents checks a fragment against it
 * instead of unaccenting four columns of every row it reads.
 *
 * Adding a nullable column without a default changes only the catalog (no row is rewritten; the lock is held for a
 * moment, and given up after a few seconds rather than queueing writers behind it). Rows written before have no
 * value: the search computes theirs as before (and the newest documents, the ones walked, are soon all new ones).
 */
export class Migration2026113005300024 extends Migration {

  override name = 'Migration2026113005300024';

  override up(): void | Promise<void> {
    this.addSql(`set local lock_timeout = '5s';`);
    this.addSql(`alter table "invoice" add column if not exists "search_text" text;`);
    this.addSql(`create or replace function fx_invoice_search_text() returns trigger language plpgsql as $$
      begin
        new.search_text := fx_invoice_search(new.receptor_nombre, new.numero_control, new.codigo_generacion,
          new.referencia_externa);
        return new;
      end $$;`);
    this.addSql(`create or replace trigger invoice_search_text before insert or update of receptor_nombre,
      numero_control, codigo_generacion, referencia_externa, search_text on "invoice"
      for each row execute function fx_invoice_search_text();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists invoice_search_text on "invoice";`);
    this.addSql(`drop function if exists fx_invoice_search_text();`);
    this.addSql(`alter table "invoice" drop column if exists "search_text";`);
  }

}
