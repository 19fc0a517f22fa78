import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSql, historyQueries, pageSql, planOf, sampleValues, type Samples } from '../../bench/history-queries.js';
import { generateInvoices, generateTenant, withoutIndexes } from '../../bench/history-data.js';
import type { Context } from '../../src/context.js';
import {
  FILL_BATCH,
  FILL_SEARCH_TEXT_START,
  fillSearchTextJob,
  fillSearchTextStep,
  type FillSearchTextPayload,
} from '../../src/modules/invoices/fill-search-text.job.js';
import { Invoice } from '../../src/modules/invoices/invoice.entity.js';
import { EXACT_COUNT_UP_TO, listInvoices } from '../../src/modules/invoices/list-invoices.js';
import {
  invoiceCountQuery,
  invoicePageQuery,
  matchingNamesQuery,
  nameWordsExistQuery,
  newestDayQuery,
  numbered,
  pageSteps,
  RECENT_DAYS,
  windowStart,
  textCond,
  textModes,
  type InvoiceListFilter,
} from '../../src/modules/invoices/invoice-list-sql.js';
import { dueWarnings, dueWarningsParams, dueWarningsSql } from '../../src/modules/notifications/deadline-warnings.js';
import { documentCounts } from '../../src/http/metrics.js';
import { startTestApp, validNit, type TestApp } from '../helpers/app.js';

// A generated history, large enough that a sequential scan would cost the planner more than the listing indexes:
// 12,000 documents of the measured tenant over a year, and 4,000 of another tenant beside them.
const MINE = 12_000;

let t: TestApp;
let db: pg.Client;
let tenantId: string;
let otherId: string;
let samples: Samples;
let ctx: Context;

beforeAll(async () => {
  t = await startTestApp();
  db = new pg.Client({ connectionString: t.app.db.url });
  await db.connect();
  tenantId = await generateTenant(db, validNit());
  otherId = await generateTenant(db, validNit());
  await withoutIndexes(db, async () => {
    await generateInvoices(db, { tenantId: otherId, count: MINE / 3, offset: 0, firstDay: '2025-01-01', days: 365 });
    await generateInvoices(db, { tenantId, count: MINE, offset: MINE, firstDay: '2025-01-01', days: 365 });
  });
  await db.query('vacuum analyze invoice');
  samples = await sampleValues(db, tenantId);
  ctx = t.app.contextFor({ kind: 'apiKey', keyId: 'test', tenantId, ambiente: '00', scopes: ['invoices:read'] });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('every listing query reads an index', () => {
  it('EXPLAIN: each page and capped count is read through its index, never a sequential scan of invoice', async () => {
    for (const q of historyQueries(samples)) {
      // A text search by name or containment: its walk in listing order, then its candidates from the text's index.
      for (const step of pageSteps(q.filter)) {
        const page = await planOf(db, pageSql(tenantId, q, samples, step));
        expect(page.seqScan, `${q.name} (${step}): ${JSON.stringify(page)}`).toBe(false);
        const indexes = step === 'walk' ? (q.walk ?? ['invoice_list_index']) : q.indexes;
        // The newest days' matches: a listing index's range of those days and the text's index, intersected (at a
        // million documents); on a table this small the planner may read either alone and check the other on the row.
        if (step === 'recent') {
          expect(
            page.indexes.some((i) => i.startsWith('invoice_list_') || q.indexes.includes(i)),
            `${q.name} (${step}) reads ${page.indexes.join(', ')}`,
          ).toBe(true);
          continue;
        }
        // The names that contain the fragment come from the tenant's names (their trigram index; on a table this small
        // the planner may read the tenant's few thousand names in key order instead), never from every document's.
        if (step === 'names') {
          const dictionary = ['receptor_name_key_index', 'receptor_name_pkey'];
          expect(
            page.indexes.some((i) => dictionary.includes(i)),
            q.name,
          ).toBe(true);
          expect(page.indexes, q.name).not.toContain('invoice_search_index');
        }
        expect(
          page.indexes.some((i) => indexes.includes(i)),
          `${q.name} (${step}) reads ${page.indexes.join(', ')}`,
        ).toBe(true);
      }
      // The mode named is the one the API settles on: the first of the text's modes, or containment after them.
      if (q.filter.text) {
        const modes = textModes(q.filter.text);
        const mode = q.filter.textMode;
        const settled = mode === modes[0] || (mode !== 'identifier' && mode !== undefined && modes.includes(mode));
        expect(settled, q.name).toBe(true);
      }
      const count = await planOf(db, countSql(tenantId, q, EXACT_COUNT_UP_TO));
      expect(count.seqScan, `${q.name} (count): ${JSON.stringify(count)}`).toBe(false);
      expect(count.indexes.length, `${q.name} (count)`).toBeGreaterThan(0);
      if (q.countIndexes) {
        expect(
          count.indexes.some((i) => q.countIndexes!.includes(i)),
          `${q.name} (count) reads ${count.indexes.join(', ')}`,
        ).toBe(true);
      }
    }
  });
});

describe('the scans that span every tenant', () => {
  // PROCESSED documents may be invalidated for 90 days here (the real rule depends on the type; the scan reads the
  // stored last day). The window: the last hours of 2025-06-01 in El Salvador.
  const now = new Date('2025-06-01T18:00:00Z');
  const windowMs = 24 * 3600_000;

  it('the deadline scan reads invoice through indexes only, and finds what a scan of every row finds', async () => {
    await db.query(`update invoice set invalidation_deadline = to_char(fec_emi::date + 90, 'YYYY-MM-DD')
      where status = 'PROCESSED'`);
    await db.query('analyze invoice');
    const plan = await planOf(db, numbered({ sql: dueWarningsSql, params: dueWarningsParams(now, windowMs) }));
    expect(plan.seqScan, JSON.stringify(plan)).toBe(false);
    // Each deadline kind is a range of its own index (contingency documents: two small partial ones).
    expect(plan.indexes).toEqual(
      expect.arrayContaining([
        'invoice_invalidation_deadline_index',
        'invoice_contingency_deadline_index',
        'invoice_transmit_deadline_index',
      ]),
    );
    // The notes' window: each tenant's CCFs of a few days, by type (and status, which the second index also holds).
    const byType = ['invoice_list_tipo_dte_index', 'invoice_list_status_tipo_index'];
    expect(
      plan.indexes.some((i) => byType.includes(i)),
      JSON.stringify(plan),
    ).toBe(true);
    const until = new Date(now.getTime() + windowMs);
    const { rows: everyRow } = await db.query(
      `select id, kind from (
         select id, 'invalidation' as kind, (invalidation_deadline || 'T23:59:59-06:00')::timestamptz as deadline
           from invoice where status = 'PROCESSED' and invalidation_deadline is not null
         union all
         select id, 'relatedNotes', ((fec_emi::date + interval '3 months')::date || 'T23:59:59-06:00')::timestamptz
           from invoice where status = 'PROCESSED' and tipo_dte in ('03', '07')) x
        where deadline > $1 and deadline <= $2`,
      [now, until],
    );
    const kinds = new Set(everyRow.map((r) => r.kind));
    expect(kinds).toEqual(new Set(['invalidation', 'relatedNotes']));
    const due = await dueWarnings(t.app.db.orm.em.fork(), now, windowMs);
    expect(due.map((d) => `${d.kind} ${d.id}`).sort()).toEqual(everyRow.map((r) => `${r.kind} ${r.id}`).sort());
  });

  it('/metrics counts documents by status and tipoDte from kept counters, equal to counting the table', async () => {
    const conn = t.app.db.orm.em.getConnection();
    await db.query(
      `update invoice set status = 'INVALIDATED'
      where tenant_id = $1 and status = 'REJECTED' and tipo_dte = '01'`,
      [otherId],
    );
    await db.query(`delete from invoice where tenant_id = $1 and tipo_dte = '14'`, [otherId]);
    const { rows: counted } = await db.query(`select status, tipo_dte, count(*)::text n from invoice
      group by status, tipo_dte`);
    type Count = { status: string; tipo_dte: string; n: string | number };
    const key = (r: Count) => `${r.status} ${r.tipo_dte} ${Number(r.n)}`;
    expect((await documentCounts(conn)).map(key).sort()).toEqual(counted.map(key).sort());
    const {
      rows: [{ n: rows }],
    } = await db.query(`select count(*)::int n from invoice_tally`);
    expect(rows).toBe(counted.length); // folded: one row per pair
  });
});

describe('listInvoices', () => {
  it('matches the text without accents or case, on the name, the reference and the codigoGeneracion', async () => {
    const byName = await listInvoices(ctx, { text: 'JOSE PENA' }, 5);
    expect(byName.nodes.length).toBeGreaterThan(0);
    for (const n of byName.nodes) expect(n.receptorNombre).toMatch(/^José Peña/);
    const byRef = await listInvoices(ctx, { text: samples.referencia.toLowerCase() });
    expect(byRef.nodes.map((n) => n.referenciaExterna)).toEqual([samples.referencia]);
    const byCodigo = await listInvoices(ctx, { text: samples.codigoGeneracion });
    expect(byCodigo.nodes.map((n) => n.codigoGeneracion)).toEqual([samples.codigoGeneracion]);
    expect((await listInvoices(ctx, { text: '100%_\\' })).nodes).toEqual([]); // LIKE wildcards are literal
    expect((await listInvoices(ctx, { text: 'SIGMA-%' })).nodes).toEqual([]);
  });

  it('answers an identifier by its prefix, a name by its words, and falls back to containment', async () => {
    const byControl = await listInvoices(ctx, { text: samples.numeroControl.toLowerCase() });
    expect(byControl.nodes.map((n) => n.numeroControl)).toEqual([samples.numeroControl]);
    expect(await byControl.totalCount()).toEqual({ count: 1, exact: true });
    const prefix = samples.numeroControl.slice(0, -1);
    const byControlPrefix = await listInvoices(ctx, { text: prefix }, 100);
    const expected = (
      await db.query(
        `select id from invoice where tenant_id = $1 and numero_control like $2
      order by fec_emi desc, created_at desc, id desc`,
        [tenantId, `${prefix}%`],
      )
    ).rows.map((r) => r.id);
    expect(expected.length).toBeGreaterThan(1);
    expect(byControlPrefix.nodes.map((n) => n.id)).toEqual(expected);
    const byCodigoPrefix = await listInvoices(ctx, { text: samples.codigoGeneracion.slice(0, 13).toLowerCase() });
    expect(byCodigoPrefix.nodes.map((n) => n.codigoGeneracion)).toEqual([samples.codigoGeneracion]);
    const dui = `${samples.dui.slice(0, 8)}-${samples.dui.slice(8)}`;
    const byDocument = await listInvoices(ctx, { text: dui });
    expect(byDocument.nodes.length).toBeGreaterThan(0);
    for (const n of byDocument.nodes) expect(n.receptorNumDocumento).toBe(samples.dui);
    // Another tenant's identifiers are never found.
    const [other] = (await db.query(`select codigo_generacion from invoice where tenant_id = $1 limit 1`, [otherId]))
      .rows;
    expect((await listInvoices(ctx, { text: other.codigo_generacion })).nodes).toEqual([]);
    // Words: whole, in order, accents ignored; then the last one begun.
    const byWords = await listInvoices(ctx, { text: 'rocio canas' }, 50);
    expect(byWords.nodes.length).toBeGreaterThan(0);
    for (const n of byWords.nodes) expect(n.receptorNombre).toMatch(/Rocío Cañas/);
    const begun = await listInvoices(ctx, { text: 'rocio can' }, 50);
    expect(begun.nodes.map((n) => n.id)).toEqual(byWords.nodes.map((n) => n.id));
    // No name has a word starting with "ñez ram": containment answers (Núñez Ramírez, Jiménez Ramírez…).
    const contained = await listInvoices(ctx, { text: 'ñez ram' }, 50);
    expect(contained.nodes.length).toBeGreaterThan(0);
    const plain = (s: string | null | undefined) => (s ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (const n of contained.nodes) expect(plain(n.receptorNombre)).toContain('nez ram');
    expect((await contained.totalCount()).count).toBeGreaterThanOrEqual(contained.nodes.length);
  });

  it('finds by pairs of adjacent words exactly what the phrase search over the whole name finds', async () => {
    // Names the generator does not make: hyphens, particles, repeated and upper-case words, extra spaces.
    const odd = [
      'José Peña-Rivas',
      'Ana de la O',
      'MARÍA  JOSÉ Cañas Cañas',
      'Rocío Cañasgordas Peña',
      'Peña Rocío Cañas',
      'José Peña Cruz Peña Rivas', // both pairs of `jose pena rivas`, apart
    ];
    for (const [i, nombre] of odd.entries()) {
      await db.query(`update invoice set receptor_nombre = $2 where tenant_id = $1 and referencia_externa = $3`, [
        tenantId,
        nombre,
        `SIGMA-${String(MINE + 1 + i).padStart(10, '0')}`,
      ]);
    }
    const texts: [string, 'words' | 'prefix'][] = [
      ['rocio canas', 'words'],
      ['Rocío Cañ', 'prefix'],
      ['pena rivas', 'words'],
      ['jose pena', 'words'],
      ['jose pena rivas', 'words'],
      ['de la o', 'words'],
      ['la o', 'prefix'],
      ['maria jose canas', 'words'],
      ['canas canas', 'words'],
      ['maria jose ca', 'prefix'],
      ['pena 2', 'words'],
    ];
    for (const [text, textMode] of texts) {
      const cond = numbered({ sql: textCond(text, textMode).sql, params: textCond(text, textMode).values });
      const ids = async (where: string, values: unknown[]) =>
        (
          await db.query(`select id from invoice where tenant_id = $1 and ${where} order by id`, [tenantId, ...values])
        ).rows.map((r) => r.id);
      const phrase =
        text
          .split(' ')
          .map((w) => `'${w}'`)
          .join(' <-> ') + (textMode === 'prefix' ? ':*' : '');
      const expected = await ids(
        `to_tsvector('fx_names', coalesce(receptor_nombre, '')) @@ to_tsquery('fx_names', $2)`,
        [phrase],
      );
      expect(
        await ids(
          cond.text.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + 1}`),
          cond.values,
        ),
        text,
      ).toEqual(expected);
      // A hyphenated name is the whole word, then its parts: `jose pena rivas` is not a phrase of José Peña-Rivas.
      expect(expected.length > 0, text).toBe(!['jose pena rivas', 'pena 2'].includes(text));
    }
    const odd1 = await listInvoices(ctx, { text: 'peña rivas' });
    expect(odd1.nodes.map((n) => n.receptorNombre).sort()).toEqual(['José Peña Cruz Peña Rivas', 'José Peña-Rivas']);
    const odd2 = await listInvoices(ctx, { text: 'canas canas' });
    expect(odd2.nodes.map((n) => n.receptorNombre)).toEqual(['MARÍA  JOSÉ Cañas Cañas']);
    const begun = await listInvoices(ctx, { text: 'rocio canasg' });
    expect(begun.nodes.map((n) => n.receptorNombre)).toEqual(['Rocío Cañasgordas Peña']);
  });

  it('a text page, read by its walk or its candidates, holds what one query in listing order finds', async () => {
    // Containment also looks in the identifiers: references with a space (the only ones a fragment with a space can
    // be in), one of them with a name that does not contain it; names without a document of this tenant, odd spaces.
    const edits: [string, string | null, string | null][] = [
      ['SIGMA-A', 'Lote 7 de Núñez Ramos', 'Ana Peña Cruz'],
      ['SIGMA-B', 'LOTE 75', 'Zoe Xu'],
      ['SIGMA-C', 'sin espacio', null],
      ['SIGMA-D', 'Lote  7', 'MARÍA  NÚÑEZ  RAMOS'],
      ['SIGMA-E', '5% descuento', 'Luis X Y'],
      // A reference and a name that both contain the fragment: one row, counted once.
      ['SIGMA-F', 'Núñez Ramos', 'Rosa Núñez Ramos'],
    ];
    for (const [i, [ref, newRef, nombre]] of edits.entries()) {
      await db.query(
        `update invoice set referencia_externa = $2, receptor_nombre = $3
          where tenant_id = $1 and referencia_externa = $4`,
        [tenantId, `${ref}-${newRef}`, nombre, `SIGMA-${String(MINE + 100 + i).padStart(10, '0')}`],
      );
    }
    // Another tenant's name that this tenant's fragments match: its documents are never listed here.
    await db.query(
      `update invoice set receptor_nombre = 'Zoe Xu Ramos' where tenant_id = $1 and referencia_externa = $2`,
      [otherId, `SIGMA-${String(7).padStart(10, '0')}`],
    );
    // Common words (the walk fills the page), rare ones and none (the candidates answer), with and without a status.
    const cases: InvoiceListFilter[] = [
      { text: 'peña', textMode: 'words' },
      { text: 'quiñ', textMode: 'words' },
      { text: 'quiñ', textMode: 'prefix' },
      { text: 'rocio canas', textMode: 'words' },
      { text: 'ñez ram', textMode: 'contains' },
      { text: 'xyzzy', textMode: 'contains' },
      { text: 'martinez', textMode: 'words', status: ['REJECTED'] },
      { text: 'ñez', textMode: 'contains', status: ['PROCESSED'], fromDate: samples.middleDay },
      // Several words contained: by the receptor names (and the identifiers with a space).
      { text: 'ez ram', textMode: 'contains' },
      { text: 'ÑEZ RAMÍ', textMode: 'contains', status: ['REJECTED'] },
      { text: 'ñez ram', textMode: 'contains', tipoDte: ['03'], fromDate: samples.firstDay, toDate: samples.middleDay },
      { text: 'a pe', textMode: 'contains' },
      { text: 'x y', textMode: 'contains' },
      { text: 'lote 7', textMode: 'contains' },
      { text: '5% d', textMode: 'contains' },
      // One word contained: in many names (by the newest days first), in a reference only, in an identifier's digits.
      { text: 'amír', textMode: 'contains' },
      { text: 'amír', textMode: 'contains', status: ['PROCESSED'], toDate: samples.middleDay },
      { text: 'descuento', textMode: 'contains' },
      { text: 'sigma-0000001', textMode: 'contains' },
    ];
    for (const f of cases) {
      const single = numbered(invoicePageQuery(tenantId, f, 30, samples.keyset, 'id, fec_emi, created_at'));
      const expected = (await db.query(single.text, single.values)).rows.map((r) => r.id);
      const newest = numbered(newestDayQuery(tenantId, f, samples.keyset));
      const [{ fec_emi: lastDay }] = (await db.query(newest.text, newest.values)).rows;
      // The recent step's windows, and some that hold no match, one or a few (a day) or many (a year).
      const windows = [...RECENT_DAYS, 2, 3, 400].map((d) => windowStart(lastDay, d));
      for (const step of pageSteps(f)) {
        for (const since of step === 'recent' ? windows : [null]) {
          const q = numbered(invoicePageQuery(tenantId, f, 30, samples.keyset, 'id, fec_emi, created_at', step, since));
          const got = (await db.query(q.text, q.values)).rows.map((r) => r.id);
          // A walk or a window that fills the page is the page; one that does not is followed by the next step, and
          // what it found is where the page begins (a window's matches are all of its days').
          const label = `${JSON.stringify(f)} (${step} ${since ?? ''})`;
          if (step !== 'candidates' && step !== 'names' && got.length < 30)
            expect(expected.slice(0, got.length), label).toEqual(got);
          else expect(got, label).toEqual(expected);
        }
      }
    }
    // The capped and the exact count of a contained fragment of several words, as counting one query's rows.
    for (const text of ['ñez ram', 'ez ram', 'a pe', 'lote 7', 'x y']) {
      const f: InvoiceListFilter = { text, textMode: 'contains' };
      const every = numbered(invoicePageQuery(tenantId, f, 1_000_000, null, 'id'));
      const n = (await db.query(every.text, every.values)).rowCount!;
      // The same with the names looked up before (as a page does, for its count), and with none.
      const looked = numbered(matchingNamesQuery(tenantId, text, 1000));
      const names: string[] = (await db.query(looked.text, looked.values)).rows.map((r) => r.nombre);
      for (const given of [f, { ...f, names }]) {
        for (const cap of [0, 5, 200, null]) {
          const q = numbered(invoiceCountQuery(tenantId, given, cap));
          const [{ n: counted }] = (await db.query(q.text, q.values)).rows;
          expect(counted, `${text} (cap ${cap})`).toBe(cap === null ? n : Math.min(n, cap + 1));
        }
        const first = numbered(invoicePageQuery(tenantId, given, 30, null, 'id', 'names'));
        const page = (await db.query(first.text, first.values)).rows.map((r) => r.id);
        const all = numbered(invoicePageQuery(tenantId, f, 30, null, 'id'));
        expect(page, text).toEqual((await db.query(all.text, all.values)).rows.map((r) => r.id));
      }
      // No name: only the references with a space that hold it (SIGMA-A's, and SIGMA-B's `lote 75`), not SIGMA-F's
      // (its name holds it too: read through the name).
      const none = numbered(invoicePageQuery(tenantId, { ...f, names: [] }, 30, null, 'id', 'names'));
      const identifiersOnly = (await db.query(none.text, none.values)).rows.length;
      expect(identifiersOnly, text).toBe({ 'ñez ram': 1, 'ez ram': 1, 'lote 7': 2 }[text] ?? 0);
    }
    // Through the API: a word only begun (no name has it whole), first page and the next.
    const begun = numbered(invoicePageQuery(tenantId, { text: 'quiñ', textMode: 'prefix' }, 40, null, 'id'));
    const expected = (await db.query(begun.text, begun.values)).rows.map((r) => r.id);
    const first = await listInvoices(ctx, { text: 'quiñ' }, 20);
    const next = await listInvoices(ctx, { text: 'quiñ' }, 20, first.endCursor);
    expect([...first.nodes, ...next.nodes].map((n) => n.id)).toEqual(expected);
    expect(expected).toHaveLength(40);
    // Contained fragments, rare (by the names) and common (in hundreds of names: the walk first), through the API.
    for (const text of ['ñez ram', 'amír', 'ez ram']) {
      const one = numbered(invoicePageQuery(tenantId, { text, textMode: 'contains' }, 30, null, 'id'));
      const want = (await db.query(one.text, one.values)).rows.map((r) => r.id);
      const p1 = await listInvoices(ctx, { text }, 15);
      const p2 = await listInvoices(ctx, { text }, 15, p1.endCursor);
      expect(
        [...p1.nodes, ...p2.nodes].map((n) => n.id),
        text,
      ).toEqual(want);
      expect(want.length, text).toBeGreaterThan(15);
    }
    // A single word through the API, with and without another filter: matched whole (common, or in one old row that
    // the walk does not reach), only begun, or only contained (after a walk that found nothing, one look at the name
    // index says that no name has the word, whole or begun).
    for (const [text, textMode] of [
      ['peña', 'words'],
      ['zoe', 'words'],
      ['quiñ', 'prefix'],
      ['amír', 'contains'],
      ['ÑEZ', 'contains'],
    ] as const) {
      for (const other of [{}, { status: ['PROCESSED' as const] }]) {
        const one = numbered(invoicePageQuery(tenantId, { text, textMode, ...other }, 25, null, 'id'));
        const want = (await db.query(one.text, one.values)).rows.map((r) => r.id);
        const got = await listInvoices(ctx, { text, ...other }, 25);
        expect(
          got.nodes.map((n) => n.id),
          `${text} ${JSON.stringify(other)}`,
        ).toEqual(want);
        if (!('status' in other)) expect(want.length, text).toBeGreaterThan(0);
      }
    }
    // Whether a name's words are in any row of the tenant (asked after a walk that found nothing): exactly when one
    // query in listing order finds a row; never because of another tenant's rows.
    await db.query(
      `update invoice set receptor_nombre = 'Zoe Xu Ramos Tlaloc' where tenant_id = $1 and referencia_externa = $2`,
      [otherId, `SIGMA-${String(7).padStart(10, '0')}`],
    );
    for (const [text, textMode, tenant] of [
      ['tlaloc', 'words', tenantId],
      ['tlal', 'prefix', tenantId],
      ['tlaloc', 'words', otherId],
      ['tlal', 'prefix', otherId],
      ['zoe', 'words', tenantId],
      ['zo', 'prefix', tenantId],
      ['quiñ', 'words', tenantId],
      ['quiñ', 'prefix', tenantId],
      ['amír', 'words', tenantId],
      ['amír', 'prefix', tenantId],
      ['peña', 'words', otherId],
      ['zoe', 'words', otherId],
      ['zoe', 'prefix', otherId],
    ] as const) {
      const one = numbered(invoicePageQuery(tenant, { text, textMode }, 1, null, 'id'));
      const some = (await db.query(one.text, one.values)).rows.length;
      const probe = numbered(nameWordsExistQuery(tenant, text, textMode));
      const found = (await db.query(probe.text, probe.values)).rows.length;
      expect(found, `${text} ${textMode}`).toBe(some);
    }
  });

  it('keeps the text mode of the first page on later pages and with other filters', async () => {
    const filter = { text: 'Peña', status: ['PROCESSED' as const] };
    const expected = (
      await db.query(
        `select id from invoice where tenant_id = $1 and status = 'PROCESSED'
          and unaccent(receptor_nombre) ~* '(^| )pena'
        order by fec_emi desc, created_at desc, id desc limit 90`,
        [tenantId],
      )
    ).rows.map((r) => r.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const page = await listInvoices(ctx, filter, 30, after);
      seen.push(...page.nodes.map((n) => n.id));
      after = page.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('pages newest first without gaps or repeats while documents are inserted between pages', async () => {
    const filter = { status: ['REJECTED' as const, 'CONTINGENCY' as const] };
    const expected = (
      await db.query(
        `select id from invoice where tenant_id = $1 and status in ('REJECTED', ` +
          `'CONTINGENCY') order by fec_emi desc, created_at desc, id desc`,
        [tenantId],
      )
    ).rows.map((r) => r.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; ; i++) {
      const page = await listInvoices(ctx, filter, 37, after);
      seen.push(...page.nodes.map((n) => n.id));
      // A newer document arrives (status REJECTED, today): it belongs before every page already read.
      const n = 1_000_000 + i;
      await generateInvoices(db, { tenantId, count: 1, offset: n - 1, firstDay: '2026-06-01', days: 1 });
      await db.query(`update invoice set status = 'REJECTED' where tenant_id = $1 and referencia_externa = $2`, [
        tenantId,
        `SIGMA-${String(n).padStart(10, '0')}`,
      ]);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('accepts the cursors handed out before (createdAt|id); anything else is INVALID_CURSOR', async () => {
    const first = await listInvoices(ctx, {}, 3);
    const last = first.nodes[2]!;
    const legacy = Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url');
    const next = await listInvoices(ctx, {}, 3, legacy);
    const expected = await listInvoices(ctx, {}, 3, first.endCursor);
    expect(next.nodes.map((n) => n.id)).toEqual(expected.nodes.map((n) => n.id));
    await expect(listInvoices(ctx, {}, 3, 'bm90LWEtY3Vyc29y')).rejects.toMatchObject({
      issues: [{ path: 'after', code: 'INVALID_CURSOR' }],
    });
  });

  it('totalCount is exact up to the limit, an estimate beyond it, and exact when asked', async () => {
    const few = await (await listInvoices(ctx, { status: ['REJECTED'] })).totalCount();
    const real = Number(
      (await db.query(`select count(*) from invoice where tenant_id = $1 and status = 'REJECTED'`, [tenantId])).rows[0]
        .count,
    );
    expect(few).toEqual({ count: real, exact: true });
    // A first page that holds every match counts itself; a later page of the same listing counts them all.
    const countOf = async (where: string, values: unknown[]) =>
      Number(
        (await db.query(`select count(*) from invoice where tenant_id = $1 and ${where}`, [tenantId, ...values]))
          .rows[0].count,
      );
    const byPatient = await listInvoices(ctx, { patientId: samples.patientId }, 100);
    expect(byPatient.hasNextPage).toBe(false);
    expect(await byPatient.totalCount()).toEqual({
      count: await countOf('patient_id = $2', [samples.patientId]),
      exact: true,
    });
    const filter = { status: ['REJECTED' as const], tipoDte: ['03'] };
    const n = await countOf(`status = 'REJECTED' and tipo_dte = '03'`, []);
    expect(n).toBeGreaterThan(1);
    const head = await listInvoices(ctx, filter, n - 1);
    expect(head.hasNextPage).toBe(true);
    const last = await listInvoices(ctx, filter, 5, head.endCursor);
    expect(last.nodes).toHaveLength(1);
    expect(await last.totalCount()).toEqual({ count: n, exact: true });
    expect(await head.totalCount()).toEqual({ count: n, exact: true });
    const all = await listInvoices(ctx, {});
    const estimate = await all.totalCount();
    const exact = await all.totalCount(true);
    const mine = Number(
      (await db.query(`select count(*) from invoice where tenant_id = $1`, [tenantId])).rows[0].count,
    );
    expect(estimate.exact).toBe(false);
    expect(estimate.count).toBeGreaterThan(EXACT_COUNT_UP_TO);
    expect(Math.abs(estimate.count - mine) / mine).toBeLessThan(0.2);
    expect(exact).toEqual({ count: mine, exact: true });
  });
});

// Every field of Invoice, nested ones whole (pdfUrl and jsonUrl are signed links: their token carries the instant).
const EVERY_INVOICE_FIELD = `id tipoDte status ambiente numeroControl codigoGeneracion selloRecibido sandbox fecEmi
  horEmi fhProcesamiento processedAt createdAt updatedAt referenciaExterna totalPagar observaciones mhCodigoMsg
  mhDescripcionMsg document creditBalance { gravada exenta noSujeta }
  returnableLines { numItem descripcion vendida devuelta disponible }
  returnDeadline returns { id } blocked { code reason since }
  receptor { nombre tipoDocumento numDocumento nrc codActividad correo telefono }
  items { numItem tipoItem descripcion cantidad uniMedida codigo precioUni montoDescu ventaNoSuj ventaExenta
    ventaGravada ivaItem }
  totals { totalNoSuj totalExenta totalGravada subTotal totalIva ivaRete1 montoTotalOperacion totalPagar totalLetras }
  estado warnings { path code message } deadlines { invalidation transmit contingencyEvent ivaReturn relatedNotes
    perishableMedicine } events { type toStatus } patient { id } signedDocument`;

describe('the stored search text', () => {
  it('is written with the row, and a row without it is still found by the walk', async () => {
    const searched = 'fx_invoice_search_text(receptor_nombre, referencia_externa)';
    const newest = `select id, receptor_nombre, numero_control, codigo_generacion, referencia_externa from invoice
      where tenant_id = $1
      order by fec_emi desc, created_at desc, id desc limit 1`;
    const [row] = (await db.query(newest, [tenantId])).rows;
    // Written by the trigger on insert (every generated row) and when a searched column is updated.
    await db.query(`update invoice set receptor_nombre = 'Ámira Qüenté' where id = $1`, [row.id]);
    const stale = `select count(*)::int as n from invoice where search_text is distinct from ${searched}`;
    expect((await db.query(stale)).rows[0].n).toBe(0);
    const walk = (text: string) =>
      numbered(invoicePageQuery(tenantId, { text, textMode: 'contains' }, 5, null, 'id', 'walk'));
    const walked = async (text: string) => (await db.query(walk(text).text, walk(text).values)).rows.map((r) => r.id);
    expect(await walked('QUENTE')).toEqual([row.id]);
    // The reference is stored with the name; the identifiers are checked on the row, in any case.
    expect(await walked(row.referencia_externa.toUpperCase())).toEqual([row.id]);
    expect(await walked(row.codigo_generacion.toLowerCase())).toEqual([row.id]);
    expect(await walked(row.numero_control.toLowerCase())).toEqual([row.id]);
    // Written directly, it is written again from the row's columns.
    await db.query(`update invoice set search_text = 'otra cosa' where id = $1`, [row.id]);
    expect((await db.query(stale)).rows[0].n).toBe(0);
    // A row written before the column existed has none: the walk computes its text.
    await db.query('alter table invoice disable trigger invoice_search_text');
    try {
      await db.query(`update invoice set search_text = null, receptor_nombre = 'Zyxwv Quenté' where id = $1`, [row.id]);
    } finally {
      await db.query('alter table invoice enable trigger invoice_search_text');
    }
    expect(await walked('yxwv')).toEqual([row.id]);
    await db.query(`update invoice set receptor_nombre = $2 where id = $1`, [row.id, row.receptor_nombre]);
    expect((await db.query(stale)).rows[0].n).toBe(0);
  });

  it('is filled on the rows written before it existed, newest first, without losing a concurrent update', async () => {
    const searched = 'fx_invoice_search_text(receptor_nombre, referencia_externa)';
    const count = async (where: string) =>
      (await db.query(`select count(*)::int as n from invoice where ${where}`)).rows[0].n;
    const fill = async () => {
      let steps = 0;
      for (let at: FillSearchTextPayload | null = FILL_SEARCH_TEXT_START; at; steps++)
        at = await fillSearchTextStep(db, at);
      return steps;
    };
    // The upgrade queued the fill.
    expect(await count('true')).toBeGreaterThan(MINE);
    const queued = await db.query(`select payload from job where kind = 'fill-search-text' and status = 'queued'`);
    expect(queued.rows.map((r) => r.payload)).toEqual([FILL_SEARCH_TEXT_START]);
    const rows = `select id from invoice where tenant_id = $1 order by fec_emi desc, created_at desc, id desc`;
    const oldest = `select id from invoice where tenant_id = $1 order by fec_emi, created_at, id limit 2`;
    const [held, kept] = (await db.query(oldest, [tenantId])).rows.map((r) => r.id as string);
    const other = (await db.query(`${rows} limit 1`, [otherId])).rows[0].id as string;
    // As a database upgraded before the column existed: no row has a stored text (but one set since, which stays).
    await db.query('alter table invoice disable trigger invoice_search_text');
    try {
      await db.query(`update invoice set search_text = null`);
      await db.query(`update invoice set search_text = 'ya escrito' where id = $1`, [kept]);
    } finally {
      await db.query('alter table invoice enable trigger invoice_search_text');
    }
    // Newest first: the first step fills the tenant's newest documents.
    const first = await fillSearchTextStep(db, FILL_SEARCH_TEXT_START);
    const firstTenant = (await db.query(`select id from tenant order by id limit 1`)).rows[0].id;
    expect(first?.tenant).toBe(firstTenant);
    const newest = `select id from invoice where tenant_id = '${firstTenant}'
      order by fec_emi desc, created_at desc, id desc limit ${FILL_BATCH}`;
    expect(await count(`id in (${newest}) and search_text is not null`)).toBe(FILL_BATCH);
    expect(await count(`tenant_id = '${firstTenant}' and search_text is not null and id <> '${kept}'`)).toBe(
      FILL_BATCH,
    );
    // A writer holds one row (a change that does not write the text) while the fill runs.
    const writer = new pg.Client({ connectionString: t.app.db.url });
    await writer.connect();
    try {
      await writer.query('begin');
      await writer.query(`update invoice set mh_descripcion_msg = 'cambiada durante el llenado' where id = $1`, [held]);
      await fill();
      await writer.query('commit');
    } finally {
      await writer.end();
    }
    const after = await db.query(`select id, mh_descripcion_msg, search_text from invoice where id = any($1)`, [
      [held, kept],
    ]);
    const byId = new Map(after.rows.map((r) => [r.id, r]));
    expect(byId.get(held)).toMatchObject({ mh_descripcion_msg: 'cambiada durante el llenado', search_text: null });
    expect(byId.get(kept).search_text).toBe('ya escrito');
    // Every other row, of both tenants, holds what the trigger writes.
    expect(await count(`search_text is null`)).toBe(1);
    expect(await count(`search_text is distinct from ${searched} and id <> all('{${held},${kept}}')`)).toBe(0);
    expect(await count(`id = '${other}' and search_text = ${searched}`)).toBe(1);
    // Run again, it writes nothing it had written (the held row, free now, is filled).
    const xmins = `select sum(xmin::text::bigint) as s from invoice where id <> '${held}'`;
    const before = (await db.query(xmins)).rows[0].s;
    expect(await fill()).toBeGreaterThan(MINE / FILL_BATCH);
    expect((await db.query(xmins)).rows[0].s).toBe(before);
    expect(await count(`search_text is null`)).toBe(0);
    await db.query(`update invoice set search_text = null where id = $1`, [kept]);
    expect(await count(`search_text is distinct from ${searched}`)).toBe(0);
    // The job takes a few steps per run, then queues where it stands.
    const job = { id: '0', kind: fillSearchTextJob.kind, tenantId: null, payload: FILL_SEARCH_TEXT_START, attempts: 0 };
    expect(await fillSearchTextJob.run({ app: t.app, mailer: undefined as never }, job)).toEqual({ kind: 'done' });
    const next = await db.query(`select payload from job where kind = 'fill-search-text' and status = 'queued'
      and payload->>'tenant' is not null`);
    expect(next.rows).toHaveLength(1);
    expect(next.rows[0].payload.after.id).toMatch(/^[0-9a-f-]{36}$/);
    // It rewrites every one of the 12,000+ rows several times: on a loaded machine that outlasts the default timeout.
  }, 120_000);
});

describe('a listed invoice', () => {
  it('holds every column but the JWS, converted as the ORM loads it, and is not tracked', async () => {
    const page = await listInvoices(ctx, { status: ['PROCESSED', 'REJECTED'] }, 30);
    expect(page.nodes).toHaveLength(30);
    const em = ctx.em.fork();
    const meta = em.getMetadata().get(Invoice);
    for (const node of page.nodes) {
      // Not in the request's identity map: nothing was kept to detect changes.
      expect(ctx.em.getUnitOfWork().getById(Invoice, node.id)).toBeUndefined();
      const entity = await em.findOneOrFail(Invoice, { id: node.id });
      expect(node.tenant.id).toBe(entity.tenant.id);
      expect('jws' in node).toBe(false);
      for (const p of meta.props) {
        if (p.name === 'jws' || p.name === 'tenant') continue;
        expect((node as Record<string, unknown>)[p.name], p.name).toEqual(
          (entity as unknown as Record<string, unknown>)[p.name],
        );
      }
    }
  });

  it('resolves every field of a listed Invoice as invoice(id) does, the signed document included', async () => {
    const created = await t.gql(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { ... on CreatedApiKey { secret } } }`,
      { i: { tenantId, name: 'listing', scopes: ['invoices:read'] } },
      { 'x-api-key': t.adminKey },
    );
    const headers = { 'x-api-key': created.body.data.createApiKey.secret as string };
    const listed = await t.gql(
      `{ invoices(first: 25) { edges { node { ${EVERY_INVOICE_FIELD} pdfUrl jsonUrl } } } }`,
      {},
      headers,
    );
    expect(listed.body.errors).toBeUndefined();
    const nodes = listed.body.data.invoices.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(nodes).toHaveLength(25);
    expect(nodes.some((n: { signedDocument: unknown }) => typeof n.signedDocument === 'string')).toBe(true);
    for (const { pdfUrl, jsonUrl, ...node } of nodes) {
      const one = await t.gql(
        `query($id: ID!) { invoice(id: $id) { ${EVERY_INVOICE_FIELD} } }`,
        { id: node.id },
        headers,
      );
      expect(one.body.errors).toBeUndefined();
      expect(node).toEqual(one.body.data.invoice);
      expect(pdfUrl).toMatch(new RegExp(`/documents/${node.id}\\.pdf\\?token=`));
      expect(jsonUrl).toMatch(new RegExp(`/documents/${node.id}\\.json\\?token=`));
    }
  });
});
