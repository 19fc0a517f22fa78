import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM } from '../../src/queue/worker.js';
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
});
