import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM, claimStatement } from '../../src/queue/worker.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(); // no worker: the claim is run by hand
});
afterAll(async () => t?.close());

interface PlanNode {
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
}

describe('claiming jobs from a backlog', () => {
  it('reads the jobs it claims, not the whole backlog', async () => {
    const backlog = 40_000;
    await t.app.db.pool.query(
      `insert into job (tenant_id, kind, payload, status, priority, dedupe_key, run_at, attempts, created_at,
         updated_at)
       select null, 'backlog-test', '{}', 'queued', 5, 'backlog-test:' || g,
              now() - interval '1 hour' + g * interval '1 ms', 0, now(), now()
       from generate_series(1, $1::int) g`,
      [backlog],
    );
    await t.app.db.pool.query('analyze job');
    const c = await t.app.db.pool.connect();
    try {
      await c.query('begin');
      const args = ['test-worker', 60_000, 10, 0, [], []];
      const plan = await c.query(`explain (analyze, buffers, format json) ${CLAIM}`, args);
      const top = plan.rows[0]['QUERY PLAN'][0].Plan as PlanNode;
      // the 10 due first, through the index in claim order: a small part of the pages the 40,000 fill
      const pages = await c.query<{ n: number }>(`select relpages::int as n from pg_class where relname = 'job'`);
      expect(pages.rows[0]!.n).toBeGreaterThan(300);
      expect(top['Shared Hit Blocks'] + top['Shared Read Blocks']).toBeLessThan(pages.rows[0]!.n / 2);
      const rows = await c.query<{ id: string; dedupe_key: string }>(
        `select id, dedupe_key from job where locked_by = 'test-worker' order by run_at`,
      );
      expect(rows.rows.map((r) => r.dedupe_key)).toEqual(Array.from({ length: 10 }, (_, i) => `backlog-test:${i + 1}`));
    } finally {
      await c.query('rollback');
      c.release();
    }
  });

  it("reaches past a saturated tenant's backlog without reading it", async () => {
    // One tenant with 50,000 MH-bound jobs queued, its slots full (left out of the claim), and a few jobs of another
    // tenant (and one local job of the busy one) behind them in claim order.
    const busy = '00000000-0000-4000-8000-00000000b051';
    const quiet = '00000000-0000-4000-8000-0000000000a1';
    const pool = t.app.db.pool;
    await pool.query(`delete from job`);
    await pool.query(`vacuum job`); // (the jobs of the test before, gone)
    await pool.query(
      `insert into job (tenant_id, kind, payload, status, priority, dedupe_key, run_at, attempts, created_at,
         updated_at)
       select $2::uuid, 'backlog-mh', '{}'::jsonb, 'queued', 0, 'backlog-mh:' || g,
              now() - interval '1 hour' + g * interval '1 ms', 0, now(), now()
       from generate_series(1, $1::int) g
       union all
       select $3::uuid, 'backlog-mh', '{}'::jsonb, 'queued', 0, 'backlog-quiet:' || g,
              now() - interval '10 minutes' + g * interval '1 ms', 0, now(), now()
       from generate_series(1, 3) g
       union all
       select $2::uuid, 'backlog-local', '{}'::jsonb, 'queued', 0, 'backlog-local:1', now() - interval '2 hours', 0,
              now(), now()`,
      [50_000, busy, quiet],
    );
    await pool.query('vacuum analyze job');
    const c = await pool.connect();
    try {
      await c.query('begin');
      const saturated = [busy];
      const args = ['test-worker', 60_000, 10, 0, saturated, ['backlog-mh']];
      const plan = await c.query(`explain (analyze, buffers, format json) ${claimStatement(saturated)}`, args);
      const top = plan.rows[0]['QUERY PLAN'][0].Plan as PlanNode;
      // a few index descents and the rows claimed, not the 50,000 queued before them (hundreds of pages)
      const pages = await c.query<{ n: number }>(`select relpages::int as n from pg_class where relname = 'job'`);
      expect(pages.rows[0]!.n).toBeGreaterThan(300);
      expect(top['Shared Hit Blocks'] + top['Shared Read Blocks']).toBeLessThan(200);
      const rows = await c.query<{ dedupe_key: string }>(
        `select dedupe_key from job where locked_by = 'test-worker' order by priority, run_at`,
      );
      // in claim order: the busy tenant's local job, then the other tenant's MH-bound jobs
      expect(rows.rows.map((r) => r.dedupe_key)).toEqual([
        'backlog-local:1',
        'backlog-quiet:1',
        'backlog-quiet:2',
        'backlog-quiet:3',
      ]);
    } finally {
      await c.query('rollback');
      c.release();
    }
  });
});
