import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markSignedAndSent } from '../../src/modules/transmission/mark-sent.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, tenantWithCredential, type PipelineTenant } from '../helpers/pipeline.js';

// No worker runs: the documents stay QUEUED until the test moves them.
let t: TestApp;
let tt: PipelineTenant;
let other: PipelineTenant;
beforeAll(async () => {
  t = await startTestApp();
  tt = await tenantWithCredential(t);
  other = await tenantWithCredential(t);
});
afterAll(async () => {
  await t?.close();
});

const events = async (id: string) =>
  (
    await t.app.db.pool.query<{ type: string; from_status: string; to_status: string; data: unknown }>(
      `select type, from_status, to_status, data from invoice_event where invoice_id = $1 order by id`,
      [id],
    )
  ).rows;

describe('markSignedAndSent', () => {
  it('moves the documents signed together in one statement, each only if QUEUED and of its own tenant', async () => {
    const [a, b, c] = [await emit(tt), await emit(tt), await emit(tt)];
    const stranger = await emit(other);
    let statements = 0;
    const query = t.app.db.pool.query.bind(t.app.db.pool);
    t.app.db.pool.query = ((...args: Parameters<typeof query>) => {
      statements++;
      return query(...args);
    }) as typeof query;
    let results: (number | null)[];
    try {
      results = await Promise.all([
        markSignedAndSent(t.app.db, tt.tenantId, a.id, 'h..sa'),
        markSignedAndSent(t.app.db, tt.tenantId, b.id, 'h..sb'),
        markSignedAndSent(t.app.db, tt.tenantId, c.id, 'h..sc'),
        // another tenant's document is not this tenant's to move
        markSignedAndSent(t.app.db, tt.tenantId, stranger.id, 'h..sx'),
      ]);
    } finally {
      t.app.db.pool.query = query;
    }
    expect(statements).toBe(1);
    expect(results).toEqual([1, 1, 1, null]);
    const { rows } = await t.app.db.pool.query<{ id: string; status: string; jws: string; send_attempts: number }>(
      `select id, status, jws, send_attempts from invoice where id = any($1::uuid[])`,
      [[a.id, b.id, c.id, stranger.id]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a.id)).toMatchObject({ status: 'SENT', jws: 'h..sa', send_attempts: 1 });
    expect(byId.get(c.id)).toMatchObject({ status: 'SENT', jws: 'h..sc', send_attempts: 1 });
    expect(byId.get(stranger.id)).toMatchObject({ status: 'QUEUED', send_attempts: 0 });
    expect((await events(b.id)).slice(-2)).toEqual([
      { type: 'dte.signed', from_status: 'QUEUED', to_status: 'SIGNED', data: null },
      { type: 'dte.sent', from_status: 'SIGNED', to_status: 'SENT', data: { attempt: 1 } },
    ]);
    expect((await events(stranger.id)).map((e) => e.type)).not.toContain('dte.sent');
    // a second run finds them moved already
    expect(await markSignedAndSent(t.app.db, tt.tenantId, a.id, 'h..again')).toBeNull();
  });

  it('finds each document by its key: never walks the QUEUED documents of a status index', async () => {
    const docs = [await emit(tt), await emit(tt), await emit(tt), await emit(tt)];
    // A few hundred documents of history (copies of one, under keys of their own), as a service has
    await t.app.db.pool.query(
      `insert into invoice
       select (jsonb_populate_record(null::invoice, to_jsonb(i) || jsonb_build_object('id', gen_random_uuid(),
         'codigo_generacion', upper(gen_random_uuid()::text), 'referencia_externa', 'HIST-' || g,
         'numero_control', 'DTE-01-HIST0001-' || lpad(g::text, 15, '0'), 'status', 'PROCESSED'))).*
       from invoice i cross join generate_series(1, 400) g where i.id = $1`,
      [docs[0]!.id],
    );
    // Statistics taken while nothing was QUEUED (a burst after autovacuum's last ANALYZE): a status index then looks
    // like the cheapest way to the batch's rows, where it walks the whole backlog.
    await t.app.db.pool.query(`update invoice set status = 'PROCESSED' where status = 'QUEUED'`);
    await t.app.db.pool.query(`analyze invoice`);
    await t.app.db.pool.query(`update invoice set status = 'QUEUED' where id = any($1::uuid[])`, [
      docs.map((d) => d.id),
    ]);
    const seen: { text: string; values: unknown[] }[] = [];
    const query = t.app.db.pool.query.bind(t.app.db.pool);
    t.app.db.pool.query = ((config: { text: string; values: unknown[] }, ...rest: unknown[]) => {
      seen.push(config);
      return (query as (...a: unknown[]) => unknown)(config, ...rest);
    }) as typeof query;
    try {
      expect(await markSignedAndSent(t.app.db, tt.tenantId, docs[0]!.id, 'h..s')).toBe(1);
    } finally {
      t.app.db.pool.query = query;
    }
    const statement = seen.find((q) => q.text.includes('update invoice'))!;
    // The plan the service runs after a few executions of the prepared statement: the generic one (prepared and
    // explained as such, since EXPLAIN's GENERIC_PLAN option is not in PostgreSQL before 16).
    const c = await t.app.db.pool.connect();
    let rows: { 'QUERY PLAN': unknown }[];
    try {
      await c.query('begin');
      await c.query('set local plan_cache_mode = force_generic_plan');
      await c.query(`prepare fx_mark_sent as ${statement.text}`);
      // (EXECUTE takes no parameters of its own: the statement's values as literals; here arrays of texts)
      const literal = (v: unknown) =>
        c.escapeLiteral(`{${(v as string[]).map((e) => `"${e.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
      const args = statement.values.map(literal).join(', ');
      ({ rows } = await c.query(`explain (format json) execute fx_mark_sent(${args})`));
    } finally {
      await c.query('rollback');
      await c.query('deallocate all');
      c.release();
    }
    const scans: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (node['Relation Name'] === 'invoice') scans.push(`${node['Node Type']} ${node['Index Name'] ?? ''}`.trim());
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan);
    expect(scans).toContain('ModifyTable');
    // (on a table this small a sequential scan may be cheaper than the key lookups; never a status index)
    for (const scan of scans) expect(scan).toMatch(/^(ModifyTable|Seq Scan|Index Scan invoice_pkey)$/);
  }, 60_000);
});
