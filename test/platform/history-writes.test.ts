import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emit, startWithPipelineTenant, waitForStatus, type PipelineTenant } from '../helpers/pipeline.js';
import type { TestApp } from '../helpers/app.js';

let t: TestApp;
let tt: PipelineTenant;
beforeAll(async () => ({ t, tt } = await startWithPipelineTenant()), 60_000);
afterAll(async () => t?.close());

const sql = async <T = Record<string, unknown>>(q: string, params: unknown[] = []): Promise<T[]> =>
  (await t.app.db.pool.query(q, params)).rows as T[];

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The Unix time in milliseconds a v7 id begins with. */
const msOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('a document writes near the newest pages of its indexes (v7 ids, one codigoGeneracion B-tree)', () => {
  it('fx_uuid_v7(): version 7, RFC variant, the current time first, so later ids sort after earlier ones', async () => {
    const before = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [row] = await sql<{ id: string }>(`select fx_uuid_v7()::text as id from pg_sleep(0.002)`);
      ids.push(row!.id);
    }
    const after = Date.now();
    for (const id of ids) {
      expect(id).toMatch(V7);
      expect(msOf(id)).toBeGreaterThanOrEqual(before - 5);
      expect(msOf(id)).toBeLessThanOrEqual(after + 5);
    }
    expect([...ids].sort()).toEqual(ids);
    // Within one statement the random bits still differ.
    const [{ n }] = await sql<{ n: number }>(
      `select count(distinct fx_uuid_v7())::int as n from generate_series(1, 1000)`,
    );
    expect(n).toBe(1000);
  });

  it("a processed document's e-mail, stored PDF and webhook delivery are keyed by v7 ids of their time", async () => {
    await sql(
      `insert into webhook_endpoint (id, tenant_id, url, event_types, enabled, secret, created_at, updated_at)
       values (gen_random_uuid(), $1, 'http://127.0.0.1:9/hook', '["dte.processed"]', true, 'unused', now(), now())`,
      [tt.tenantId],
    );
    const before = Date.now();
    const inv = await emit(tt);
    const [done] = await waitForStatus(t, [inv.id], ['PROCESSED']);
    expect(done!.status).toBe('PROCESSED');
    const ids = async () =>
      sql<{ kind: string; id: string }>(
        `select 'email' as kind, id::text from invoice_email where invoice_id = $1
         union all select 'pdf', id::text from invoice_document where invoice_id = $1
         union all select 'webhook', id::text from webhook_delivery where invoice_id = $1 order by 1`,
        [inv.id],
      );
    const until = Date.now() + 30_000;
    let rows = await ids();
    while (rows.length < 3 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await ids();
    }
    const after = Date.now();
    expect(rows.map((r) => r.kind)).toEqual(['email', 'pdf', 'webhook']);
    for (const r of rows) {
      expect(r.id, r.kind).toMatch(V7);
      expect(msOf(r.id)).toBeGreaterThanOrEqual(before - 5);
      expect(msOf(r.id)).toBeLessThanOrEqual(after + 5);
    }
  }, 60_000);

  it('codigoGeneracion: its one unique index refuses a duplicate and answers equality and a prefix', async () => {
    const inv = await emit(tt);
    // A second row with the same codigoGeneracion (its other unique columns changed).
    const copy = `insert into invoice select (jsonb_populate_record(null::invoice, to_jsonb(i) || jsonb_build_object(
        'id', fx_uuid_v7(), 'referencia_externa', 'copy-' || i.referencia_externa,
        'numero_control', left(i.numero_control, 16) || '999999999999999'))).* from invoice i where i.id = $1::uuid`;
    await expect(sql(copy, [inv.id])).rejects.toMatchObject({
      code: '23505',
      constraint: 'invoice_codigo_generacion_unique',
    });
    const c = await t.app.db.pool.connect();
    try {
      await c.query('begin');
      await c.query('set local enable_seqscan = off');
      for (const [cond, value] of [
        ['codigo_generacion = $1', inv.codigoGeneracion],
        ['codigo_generacion like $1', `${inv.codigoGeneracion.slice(0, 10)}%`],
      ] as const) {
        const plan = await c.query(`explain (format json) select id from invoice where ${cond}`, [value]);
        expect(JSON.stringify(plan.rows[0]), cond).toContain('"Index Name":"invoice_codigo_generacion_unique"');
        const found = await c.query(`select id from invoice where ${cond}`, [value]);
        expect(found.rows.map((r) => r.id)).toEqual([inv.id]);
      }
      await c.query('rollback');
    } finally {
      c.release();
    }
  });
});
