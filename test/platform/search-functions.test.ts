import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initOrm } from '../../src/db/orm.js';
import { createTestDatabase } from '../helpers/db.js';

// The migration before the one that rewrote the search's functions: their previous definitions.
const BEFORE = 'Migration2026113011000034';

const FUNCTIONS = [
  'fx_unaccent',
  'fx_name_pairs',
  'fx_name_pairs_query',
  'fx_invoice_search',
  'fx_invoice_identifiers',
  'fx_name_key',
  'fx_invoice_search_text',
];

const FIRST = [
  'María',
  'JOSÉ',
  'ana',
  'Rocío',
  'Ñoño',
  'Iñaki',
  'Ángela',
  'Óscar',
  'Begoña',
  'Jesús',
  'Noemí',
  'Zoila',
];
const LAST = ['Peña', 'NÚÑEZ', 'Cañas', 'Quiñónez', 'Güemes', 'Argüello', 'de León', 'Ibáñez', 'O’Neil', 'López-Ruiz'];
const SEPARATORS = [' ', '  ', '\t', ', ', ' - ', '.', "'", ' de la '];
const EDGES = [
  '',
  ' ',
  '   \t\n ',
  'Ana',
  'ana ana ana',
  '.,;:',
  "O'Neil D''Aubuisson x':y back\\slash",
  'CLÍNICA SAN RAFAEL, S.A. DE C.V.',
  'josé@ejemplo.com.sv www.clinica.sv 3.14 v1.2.3',
  // unaccent writes these with a space (` 1/4`): a word may then have a space in it
  'a¼b c½ d¾ Peña',
  'e\u0301 n\u0303 \u0301 Pe\u0301rez',
  'ÆSIR ß Œuvre ﬁn ǅ Σίσυφος Дмитрий 😀 漢字',
  'peña núñez '.repeat(150),
  'María José Peña Núñez de la Cruz '.repeat(8).slice(0, 250),
];

/** Each function's output on every input, as text (null stays null). */
const OUTPUTS = `select id,
    fx_unaccent(s) as unaccent, fx_name_pairs(s)::text as pairs, fx_name_key(s) as name_key,
    fx_invoice_search(s, nc, cg, ref) as search, fx_invoice_identifiers(nc, cg, ref) as identifiers,
    fx_invoice_search_text(s, ref) as search_text
  from search_input`;

let url: string;
let orm: MikroORM;
let db: pg.Client;
const sql = async <T = Record<string, unknown>>(q: string, params: unknown[] = []): Promise<T[]> =>
  (await db.query(q, params)).rows as T[];

async function definitions(): Promise<Record<string, string>> {
  const rows = await sql<{ name: string; def: string }>(
    `select p.proname as name, pg_get_functiondef(p.oid) as def from pg_proc p where p.proname = any($1)`,
    [FUNCTIONS],
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.def]));
}

const indexes = () =>
  sql<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes where tablename = 'invoice' order by 1`,
  );

async function differences(): Promise<Record<string, number>> {
  const [row] = await sql<Record<string, number>>(
    `select count(*)::int as rows,
        count(*) filter (where a.unaccent is distinct from b.unaccent)::int as unaccent,
        count(*) filter (where a.pairs is distinct from b.pairs)::int as pairs,
        count(*) filter (where a.name_key is distinct from b.name_key)::int as name_key,
        count(*) filter (where a.search is distinct from b.search)::int as search,
        count(*) filter (where a.identifiers is distinct from b.identifiers)::int as identifiers,
        count(*) filter (where a.search_text is distinct from b.search_text)::int as search_text
      from search_output_before a full join (${OUTPUTS}) b using (id)`,
  );
  return row!;
}

beforeAll(async () => {
  url = await createTestDatabase('searchfn');
  orm = await initOrm(url);
  db = new pg.Client({ connectionString: url });
  await db.connect();
  await orm.migrator.up({ to: BEFORE });
  // Generated names: every first name with every pair of last names, joined by each separator, in three cases;
  // the edge cases; nothing at all; and a name of more than 16,383 words (positions stop counting there, several
  // words share the last one). Identifiers beside them, a few with spaces and accents.
  await sql(`create table search_input (id serial primary key, s text, nc text, cg text, ref text)`);
  await sql(
    `insert into search_input (s)
       select case c when 0 then n when 1 then upper(n) else lower(n) end
         from (select f || sep || l1 || sep || l2 as n
                 from unnest($1::text[]) f, unnest($2::text[]) l1, unnest($2::text[]) l2, unnest($3::text[]) sep
                where (length(f) + length(l1) + length(l2) + length(sep)) % 3 = 0) names,
              generate_series(0, 2) c
       union all select unnest($4::text[])
       union all select null
       union all select (select string_agg('w' || k, ' ') from generate_series(1, 16400) k)`,
    [FIRST, LAST, SEPARATORS, EDGES],
  );
  await sql(
    `update search_input set nc = 'DTE-01-0001ABCD-' || lpad(id::text, 15, '0'), cg = upper(md5(id::text)::uuid::text),
        ref = case when id % 7 = 0 then null when id % 5 = 0 then 'Ref Ñandú ' || id else 'pedido-' || id end`,
  );
  await sql(`create table search_output_before as ${OUTPUTS}`);
}, 120_000);

afterAll(async () => {
  await db?.end();
  await orm?.close(true);
});

describe("the search's functions, rewritten for cost", () => {
  it('give the same output on every generated name and identifier, and leave the indexes as they were', async () => {
    const [{ n }] = (await sql<{ n: number }>(`select count(*)::int as n from search_input`)) as [{ n: number }];
    expect(n).toBeGreaterThan(3000);
    const defsBefore = await definitions();
    const indexesBefore = await indexes();
    await orm.migrator.up();
    expect(await orm.migrator.getPending()).toHaveLength(0);
    expect(await differences()).toEqual({
      rows: n,
      unaccent: 0,
      pairs: 0,
      name_key: 0,
      search: 0,
      identifiers: 0,
      search_text: 0,
    });
    // Still usable by an index: immutable, parallel safe, and strict as before.
    const markers = await sql<{ name: string; lang: string; volatile: string; strict: boolean; parallel: string }>(
      `select p.proname as name, l.lanname as lang, p.provolatile as volatile, p.proisstrict as strict,
              p.proparallel as parallel
         from pg_proc p join pg_language l on l.oid = p.prolang
        where p.proname in ('fx_unaccent', 'fx_name_pairs') order by 1`,
    );
    expect(markers).toEqual([
      { name: 'fx_name_pairs', lang: 'plpgsql', volatile: 'i', strict: true, parallel: 's' },
      { name: 'fx_unaccent', lang: 'plpgsql', volatile: 'i', strict: true, parallel: 's' },
    ]);
    expect(await indexes()).toEqual(indexesBefore);
    const defsAfter = await definitions();
    expect(defsAfter.fx_invoice_search).toBe(defsBefore.fx_invoice_search);
    // Down restores the previous definitions exactly; up again gives the same output.
    await orm.migrator.down({ to: BEFORE });
    expect(await definitions()).toEqual(defsBefore);
    await orm.migrator.up();
    expect(await definitions()).toEqual(defsAfter);
    expect((await differences()).pairs).toBe(0);
  });

  it('answer in a session without a search path, as an index build or REINDEX runs them', async () => {
    // A new session: the PL/pgSQL bodies are parsed there, with nothing on the search path.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`set search_path = ''`);
      const { rows } = await c.query(
        `select public.fx_name_pairs(s)::text as pairs, public.fx_unaccent(s) as unaccent from (values ($1)) v(s)`,
        ['Rocío  Cañas, Peña'],
      );
      expect(rows).toEqual([{ pairs: "'canas pena' 'rocio canas'", unaccent: 'Rocio  Canas, Pena' }]);
    } finally {
      await c.end();
    }
  });
});
