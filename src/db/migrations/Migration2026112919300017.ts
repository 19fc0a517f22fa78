import { Migration } from '@mikro-orm/migrations';

/**
 * The name search by two adjacent words, answered from an index without reading every row that carries both words.
 * - `fx_name_pairs(nombre)`: each pair of adjacent words of the name, as one lexeme (`'rocio canas' 'canas perez'`),
 *   words as `fx_names` makes them (lower-cased, unaccented) and adjacent as a phrase query sees them (consecutive
 *   positions of `to_tsvector('fx_names', …)`).
 * - `fx_name_pairs_query(words, begun)`: the pairs of the given words, all required (`'jose pena' & 'pena nunez'`),
 *   the last pair's second word only begun when `begun` (`'rocio can':*`).
 * - `invoice_name_pairs_index`: a GIN index of the pairs. Two words are then one index entry, matched without a check
 *   on the row (the phrase search's index must check every row carrying both words, anywhere in the name).
 * Both functions are SQL-standard bodies, parsed here: `fx_names` is resolved now, not by the search path of the
 * session that later builds the index or runs the query.
 *
 * CREATE INDEX CONCURRENTLY cannot run inside a transaction, so this migration is not transactional: each statement
 * commits on its own and the table stays writable while the index is built. If the process dies midway, the next run
 * redoes what is missing: the index left INVALID by an interrupted build is dropped and built again.
 */
const INDEX = 'invoice_name_pairs_index';

export class Migration2026112919300017 extends Migration {

  override name = 'Migration2026112919300017';

  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    const words = `with w as (select lexeme, unnest(positions) as p from unnest(to_tsvector('fx_names'::regconfig, $1)))`;
    this.addSql(`create or replace function fx_name_pairs(nombre text) returns tsvector
      language sql immutable strict parallel safe
      begin atomic
        ${words}
        select coalesce(array_to_tsvector(array_agg(a.lexeme || ' ' || b.lexeme)), ''::tsvector)
          from w a join w b on b.p = a.p + 1;
      end;`);
    this.addSql(`create or replace function fx_name_pairs_query(words text, begun boolean) returns tsquery
      language sql immutable strict parallel safe
      begin atomic
        ${words},
        pairs as (select a.p, quote_literal(a.lexeme || ' ' || b.lexeme) as pair from w a join w b on b.p = a.p + 1)
        select string_agg(pair || case when begun and p = (select max(p) from pairs) then ':*' else '' end, ' & '
          order by p)::tsquery from pairs;
      end;`);
    const invalid = await this.execute(
      `select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = 'invoice'::regclass and not i.indisvalid and c.relname = '${INDEX}'`,
    ) as { relname: string }[];
    for (const { relname } of invalid) this.addSql(`drop index concurrently if exists "${relname}";`);
    this.addSql(`create index concurrently if not exists "${INDEX}" on "invoice"
      using gin (fx_name_pairs("receptor_nombre"));`);
    // Planner statistics for the indexed expression (collected only by ANALYZE, on a sample).
    this.addSql(`analyze "invoice";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index concurrently if exists "${INDEX}";`);
    this.addSql(`drop function if exists fx_name_pairs_query(text, boolean);`);
    this.addSql(`drop function if exists fx_name_pairs(text);`);
  }

}
