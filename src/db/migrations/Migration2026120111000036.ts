import { Migration } from '@mikro-orm/migrations';

/**
 * Cheaper evaluations of the functions that `invoice`'s index expressions and search triggers call, with the same
 * results (so the indexes built on them stay valid: nothing is rebuilt). Each row version of a document evaluates
 * every index expression again, and a SQL function that PostgreSQL cannot inline is set up anew by each statement
 * that calls it (its body planned and started), which cost more than the work it does; a PL/pgSQL function keeps its
 * plans for the session.
 * - `fx_unaccent`: the same call of unaccent with its dictionary, in PL/pgSQL (≈ 4–5 µs → < 1 µs a statement). The
 *   functions built on it (`fx_invoice_search`, `fx_invoice_identifiers`, `fx_name_key`, `fx_invoice_search_text`)
 *   are unchanged and are still inlined where they are used: the indexes' expressions read as they did.
 * - `fx_name_pairs`: the pairs of adjacent words read from the words' tsvector without a query. Its text form lists
 *   each word once with its positions (`'canas':2 'rocio':1`), in the order of `tsvector_to_array`; each position gets
 *   its word, then each pair of consecutive positions that both have one is a pair (≈ 26–40 µs → ≈ 6 µs a
 *   statement). A word with a space in it (unaccent writes `¼` as ` 1/4`) or several words at one position (past the
 *   16,383rd word, where positions stop counting) are answered by the previous query instead: its result is the
 *   same, only the walk could not read them.
 * PL/pgSQL bodies are parsed when first run, by the search path of the session then (from PostgreSQL 17 an index build
 * or REINDEX runs with only pg_catalog on it): the text search configuration and unaccent are named with their schemas,
 * read here.
 */
export class Migration2026120111000036 extends Migration {

  override name = 'Migration2026120111000036';

  override async up(): Promise<void> {
    const unaccent = await this.schemaOf(`select e.extnamespace from pg_extension e where e.extname = 'unaccent'`);
    const names = await this.schemaOf(`select c.cfgnamespace from pg_ts_config c where c.oid = 'fx_names'::regconfig`);
    this.addSql(`create or replace function fx_unaccent(text) returns text language plpgsql immutable strict parallel safe
      as $$ begin return ${unaccent}.unaccent('${unaccent}.unaccent'::regdictionary, $1); end $$;`);
    this.addSql(`create or replace function fx_name_pairs(nombre text) returns tsvector
      language plpgsql immutable strict parallel safe as $$
      declare
        v tsvector := to_tsvector('${names}.fx_names'::regconfig, nombre);
        lexemes text[] := tsvector_to_array(v);
        -- One entry a lexeme, in the order of lexemes: 'lexeme':1,4 (a quote in the lexeme is doubled).
        entries text[] := string_to_array(v::text, ' ');
        words text[];
        pairs text[] := '{}';
        general boolean := cardinality(entries) <> cardinality(lexemes);
        pos int;
        result tsvector;
      begin
        if not general then
          <<by_lexeme>>
          for i in 1 .. cardinality(lexemes) loop
            foreach pos in array string_to_array(split_part(entries[i], ''':', -1), ',')::int[] loop
              if words[pos] is not null then
                general := true;
                exit by_lexeme;
              end if;
              words[pos] := lexemes[i];
            end loop;
          end loop;
        end if;
        if general then
          with w as (select lexeme, unnest(positions) as p from unnest(v))
          select coalesce(array_to_tsvector(array_agg(a.lexeme || ' ' || b.lexeme)), ''::tsvector) into result
            from w a join w b on b.p = a.p + 1;
          return result;
        end if;
        for i in coalesce(array_lower(words, 1), 1) .. coalesce(array_upper(words, 1), 0) - 1 loop
          if words[i] is not null and words[i + 1] is not null then
            pairs := pairs || (words[i] || ' ' || words[i + 1]);
          end if;
        end loop;
        return array_to_tsvector(pairs);
      end $$;`);
  }

  override async down(): Promise<void> {
    const unaccent = await this.schemaOf(`select e.extnamespace from pg_extension e where e.extname = 'unaccent'`);
    this.addSql(`create or replace function fx_unaccent(text) returns text language sql immutable strict parallel safe
      return ${unaccent}.unaccent('${unaccent}.unaccent'::regdictionary, $1);`);
    const words = `with w as (select lexeme, unnest(positions) as p from unnest(to_tsvector('fx_names'::regconfig, $1)))`;
    this.addSql(`create or replace function fx_name_pairs(nombre text) returns tsvector
      language sql immutable strict parallel safe
      begin atomic
        ${words}
        select coalesce(array_to_tsvector(array_agg(a.lexeme || ' ' || b.lexeme)), ''::tsvector)
          from w a join w b on b.p = a.p + 1;
      end;`);
  }

  /** The quoted name of the schema whose oid `query` returns (`public` when it returns none). */
  private async schemaOf(query: string): Promise<string> {
    const rows = await this.execute(`select n.nspname from pg_namespace n where n.oid = (${query})`);
    const name = (rows[0] as { nspname?: string } | undefined)?.nspname ?? 'public';
    return `"${name.replace(/"/g, '""')}"`;
  }

}
