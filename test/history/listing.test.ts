import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSql, historyQueries, pageSql, planOf, sampleValues, type Samples } from '../../bench/history-queries.js';
import { generateInvoices, generateTenant, withoutIndexes } from '../../bench/history-data.js';
import type { Context } from '../../src/context.js';
import { EXACT_COUNT_UP_TO, listInvoices } from '../../src/modules/invoices/list-invoices.js';
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
  it('EXPLAIN: each page and each capped count is read through its index, never a sequential scan of invoice', async () => {
    for (const q of historyQueries(samples)) {
      const page = await planOf(db, pageSql(tenantId, q, samples));
      expect(page.seqScan, `${q.name}: ${JSON.stringify(page)}`).toBe(false);
      expect(page.indexes.some((i) => q.indexes.includes(i)), `${q.name} reads ${page.indexes.join(', ')}`).toBe(true);
      const count = await planOf(db, countSql(tenantId, q, EXACT_COUNT_UP_TO));
      expect(count.seqScan, `${q.name} (count): ${JSON.stringify(count)}`).toBe(false);
      expect(count.indexes.length, `${q.name} (count)`).toBeGreaterThan(0);
    }
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
  });

  it('pages newest first without gaps or repeats while documents are inserted between pages', async () => {
    const filter = { status: ['REJECTED' as const, 'CONTINGENCY' as const] };
    const expected = (await db.query(`select id from invoice where tenant_id = $1 and status in ('REJECTED', 'CONTINGENCY') order by fec_emi desc, created_at desc, id desc`, [tenantId])).rows.map((r) => r.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; ; i++) {
      const page = await listInvoices(ctx, filter, 37, after);
      seen.push(...page.nodes.map((n) => n.id));
      // A newer document arrives (status REJECTED, today): it belongs before every page already read.
      const n = 1_000_000 + i;
      await generateInvoices(db, { tenantId, count: 1, offset: n - 1, firstDay: '2026-06-01', days: 1 });
      await db.query(`update invoice set status = 'REJECTED' where tenant_id = $1 and referencia_externa = $2`, [tenantId, `SIGMA-${String(n).padStart(10, '0')}`]);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('accepts the cursors handed out before (createdAt|id), and refuses anything else with INVALID_CURSOR', async () => {
    const first = await listInvoices(ctx, {}, 3);
    const last = first.nodes[2]!;
    const legacy = Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url');
    const next = await listInvoices(ctx, {}, 3, legacy);
    const expected = await listInvoices(ctx, {}, 3, first.endCursor);
    expect(next.nodes.map((n) => n.id)).toEqual(expected.nodes.map((n) => n.id));
    await expect(listInvoices(ctx, {}, 3, 'bm90LWEtY3Vyc29y')).rejects.toMatchObject({ issues: [{ path: 'after', code: 'INVALID_CURSOR' }] });
  });

  it('totalCount is exact up to the limit, an estimate beyond it, and exact when asked', async () => {
    const few = await (await listInvoices(ctx, { status: ['REJECTED'] })).totalCount();
    const real = Number((await db.query(`select count(*) from invoice where tenant_id = $1 and status = 'REJECTED'`, [tenantId])).rows[0].count);
    expect(few).toEqual({ count: real, exact: true });
    const all = await listInvoices(ctx, {});
    const estimate = await all.totalCount();
    const exact = await all.totalCount(true);
    const mine = Number((await db.query(`select count(*) from invoice where tenant_id = $1`, [tenantId])).rows[0].count);
    expect(estimate.exact).toBe(false);
    expect(estimate.count).toBeGreaterThan(EXACT_COUNT_UP_TO);
    expect(Math.abs(estimate.count - mine) / mine).toBeLessThan(0.2);
    expect(exact).toEqual({ count: mine, exact: true });
  });
});
