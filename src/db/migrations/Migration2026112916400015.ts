import { Migration } from '@mikro-orm/migrations';

/**
 * Building blocks of the indexed name search and of the document counters.
 * - `fx_names`: a text search configuration that splits a receptor's name into words, lower-cased and unaccented
 *   (the `simple` dictionary after `unaccent`: names are not stemmed, so `Rosa` does not become `Ros`).
 * - `invoice_tally`: documents by status and tipoDte, kept by statement-level triggers on `invoice` that only ever
 *   insert a delta row (no row is updated, so concurrent transactions never wait on a shared counter). The deltas are
 *   folded into one row per (status, tipoDte) by /metrics, and by the trigger itself every 4,096 deltas, so the table
 *   stays small even when nobody scrapes. It is seeded in the same transaction that creates the triggers: creating a
 *   trigger locks `invoice` against writes until commit, so the seed and the triggers agree (the seed reads the table
 *   once: about a second per million documents, during which emissions wait).
 */
export class Migration2026112916400015 extends Migration {

  override name = 'Migration2026112916400015';

  override async up(): Promise<void> {
    const schema = await this.unaccentSchema();
    this.addSql(`drop text search configuration if exists fx_names;`);
    this.addSql(`create text search configuration fx_names (copy = pg_catalog.simple);`);
    this.addSql(`alter text search configuration fx_names
      alter mapping for asciiword, asciihword, hword_asciipart, word, hword, hword_part
      with ${schema}.unaccent, pg_catalog.simple;`);

    this.addSql(`create table "invoice_tally" ("id" bigserial primary key, "status" varchar(16) not null,
      "tipo_dte" varchar(2) not null, "n" bigint not null);`);
    this.addSql(`create or replace function fx_invoice_tally_fold() returns void language sql as $$
      with gone as (delete from invoice_tally returning status, tipo_dte, n)
      insert into invoice_tally (status, tipo_dte, n)
        select status, tipo_dte, sum(n) from gone group by status, tipo_dte having sum(n) <> 0 order by status, tipo_dte
    $$;`);
    const body = (deltas: string) => `language plpgsql as $$
      declare fold boolean;
      begin
        with added as (
          insert into invoice_tally (status, tipo_dte, n)
            select status, tipo_dte, sum(n) from (${deltas}) d group by status, tipo_dte having sum(n) <> 0
          returning id)
        select coalesce(bool_or(id % 4096 = 0), false) into fold from added;
        if fold then perform fx_invoice_tally_fold(); end if;
        return null;
      end $$;`;
    const added = 'select status, tipo_dte, 1::bigint as n from fx_new';
    const removed = 'select status, tipo_dte, -1::bigint as n from fx_old';
    this.addSql(`create or replace function fx_invoice_tally_insert() returns trigger ${body(added)}`);
    const changed = `${added} union all ${removed}`;
    this.addSql(`create or replace function fx_invoice_tally_update() returns trigger ${body(changed)}`);
    this.addSql(`create or replace function fx_invoice_tally_delete() returns trigger ${body(removed)}`);
    this.addSql(`create or replace function fx_invoice_tally_truncate() returns trigger language plpgsql as $$
      begin delete from invoice_tally; return null; end $$;`);
    this.addSql(`create trigger invoice_tally_insert after insert on "invoice" referencing new table as fx_new
      for each statement execute function fx_invoice_tally_insert();`);
    this.addSql(`create trigger invoice_tally_update after update on "invoice"
      referencing old table as fx_old new table as fx_new
      for each statement execute function fx_invoice_tally_update();`);
    this.addSql(`create trigger invoice_tally_delete after delete on "invoice" referencing old table as fx_old
      for each statement execute function fx_invoice_tally_delete();`);
    this.addSql(`create trigger invoice_tally_truncate after truncate on "invoice"
      for each statement execute function fx_invoice_tally_truncate();`);
    this.addSql(`insert into invoice_tally (status, tipo_dte, n)
      select status, tipo_dte, count(*) from "invoice" group by status, tipo_dte;`);
  }

  override down(): void | Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate']) {
      this.addSql(`drop trigger if exists invoice_tally_${t} on "invoice";`);
      this.addSql(`drop function if exists fx_invoice_tally_${t}();`);
    }
    this.addSql(`drop function if exists fx_invoice_tally_fold();`);
    this.addSql(`drop table if exists "invoice_tally";`);
    this.addSql(`drop text search configuration if exists fx_names;`);
  }

  /** The schema unaccent lives in (an existing installation may have put it outside `public`). */
  private async unaccentSchema(): Promise<string> {
    const rows = await this.execute(`select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
      where e.extname = 'unaccent'`);
    const name = (rows[0] as { nspname?: string } | undefined)?.nspname ?? 'public';
    return `"${name.replace(/"/g, '""')}"`;
  }

}
