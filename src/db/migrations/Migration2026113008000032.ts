import { Migration } from '@mikro-orm/migrations';

/**
 * How PostgreSQL stores the two large values of a document.
 * - A stored PDF (`invoice_document.content`) is already deflated: PostgreSQL's default compression (pglz) tried to
 *   compress each one, found nothing to gain and stored it as it was, paying ≈ 25–30 µs of CPU per 5 KB document
 *   for nothing. EXTERNAL stores it out of line without trying (the same pages: it was never compressed anyway).
 * - The stored document (`invoice.document`, JSON of ≈ 3 KB) does compress (to ≈ 1.8 KB). Where the server has lz4
 *   (most packaged builds; `default_toast_compression` lists it), lz4 compresses it in about a third of pglz's CPU,
 *   to ≈ 2.1 KB, and reads it back faster; where it has not, pglz stays (not compressing it would double its storage
 *   and its WAL for ≈ 17 µs per document).
 *
 * Both change only the catalog: values already stored stay as they are (each is read as it was written), new ones are
 * stored the new way. Each change is a moment's lock of its table, in a transaction of its own that gives up after a
 * few seconds rather than queueing the pipeline's writers behind it (run the migration again to finish).
 */
export class Migration2026113008000032 extends Migration {

  override name = 'Migration2026113008000032';

  override isTransactional(): boolean {
    return false;
  }

  override up(): void | Promise<void> {
    this.addSql(`begin; set local lock_timeout = '5s';
      alter table "invoice_document" alter column "content" set storage external; commit;`);
    this.addSql(`begin; set local lock_timeout = '5s';
      do $$ begin
        if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
          alter table "invoice" alter column "document" set compression lz4;
        end if;
      end $$; commit;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`begin; set local lock_timeout = '5s';
      alter table "invoice" alter column "document" set compression default; commit;`);
    this.addSql(`begin; set local lock_timeout = '5s';
      alter table "invoice_document" alter column "content" set storage extended; commit;`);
  }

}
