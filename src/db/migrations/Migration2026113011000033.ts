import { Migration } from '@mikro-orm/migrations';

/**
 * Fewer random pages written per document once the history is large.
 *
 * - `fx_uuid_v7()`: a UUID version 7 (RFC 9562) made by PostgreSQL, for the rows a statement inserts per document
 *   (e-mails, stored PDFs, webhook deliveries). Their primary keys were random (`gen_random_uuid()`): with a large
 *   history each new row went to a random page of its primary-key index, read back and copied whole into the WAL the
 *   first time after each checkpoint. A v7 id begins with the time in milliseconds, so new rows are added to the
 *   index's last pages instead. PostgreSQL 18 has `uuidv7()`, 15–17 have not: this one works on all of them (a v4
 *   UUID whose first 48 bits are replaced by the time, and whose version nibble is set to 7).
 * - `codigoGeneracion` (a v4 UUID by MH's rule: random, it cannot be made time-ordered) had two B-trees, its unique
 *   constraint and a `varchar_pattern_ops` one for the search by prefix (`like 'ABC%'` under any collation). Every
 *   new row version (the emission and each status change) went to a random leaf page of both. One unique index in
 *   `varchar_pattern_ops` does both jobs: it enforces the uniqueness (a unique index, not a constraint: a constraint
 *   must use the default operator class), and answers equality and prefixes.
 *
 * Not transactional, so `invoice` stays writable: the new index is built with CREATE UNIQUE INDEX CONCURRENTLY
 * (≈ 5–10 s on 1,000,000 rows, writes going on), the constraint is swapped for it in a transaction of its own that
 * gives up after 5 s rather than queue the pipeline behind it (its lock is held a moment: dropping a constraint and
 * renaming an index change only the catalog), then the prefix index is dropped CONCURRENTLY. An index left INVALID by
 * an interrupted build is dropped and built again; run the migration again to finish.
 */
export class Migration2026113011000033 extends Migration {

  override name = 'Migration2026113011000033';

  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    await this.execute(`create or replace function fx_uuid_v7() returns uuid language sql volatile parallel safe as $$
      select encode(
        set_bit(set_bit(
          overlay(uuid_send(gen_random_uuid())
            placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
            from 1 for 6),
          52, 1), 53, 1),
        'hex')::uuid
    $$;`);
    const state = async () =>
      (await this.execute(
        `select c.relname, i.indisvalid as valid, (select count(*) from pg_constraint k where k.conindid = c.oid)::int
                as constraints
           from pg_index i join pg_class c on c.oid = i.indexrelid
          where i.indrelid = 'invoice'::regclass
            and c.relname in ('invoice_codigo_generacion_unique', 'invoice_codigo_generacion_pattern_unique')`,
      )) as { relname: string; valid: boolean; constraints: number }[];
    const indexes = await state();
    const done = indexes.some((i) => i.relname === 'invoice_codigo_generacion_unique' && i.constraints === 0);
    if (!done) {
      if (indexes.some((i) => i.relname === 'invoice_codigo_generacion_pattern_unique' && !i.valid))
        await this.execute('drop index concurrently if exists "invoice_codigo_generacion_pattern_unique"');
      await this.execute(`create unique index concurrently if not exists "invoice_codigo_generacion_pattern_unique"
        on "invoice" ("codigo_generacion" varchar_pattern_ops)`);
      await this.execute(`begin; set local lock_timeout = '5s';
        alter table "invoice" drop constraint if exists "invoice_codigo_generacion_unique";
        alter index "invoice_codigo_generacion_pattern_unique" rename to "invoice_codigo_generacion_unique";
        commit;`);
    }
    await this.execute('drop index concurrently if exists "invoice_codigo_prefix_index"');
  }

  override async down(): Promise<void> {
    await this.execute(`create index concurrently if not exists "invoice_codigo_prefix_index"
      on "invoice" ("codigo_generacion" varchar_pattern_ops)`);
    await this.execute(`create unique index concurrently if not exists "invoice_codigo_generacion_default_unique"
      on "invoice" ("codigo_generacion")`);
    await this.execute(`begin; set local lock_timeout = '5s';
      drop index "invoice_codigo_generacion_unique";
      alter table "invoice" add constraint "invoice_codigo_generacion_unique"
        unique using index "invoice_codigo_generacion_default_unique";
      commit;`);
    await this.execute('drop function if exists fx_uuid_v7();');
  }

}
