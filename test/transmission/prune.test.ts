import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transmitInvoiceJob } from '../../src/modules/transmission/transmit-invoice.job.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, tenantWithCredential, waitForStatus } from '../helpers/pipeline.js';

let t: TestApp;
beforeAll(async () => {
  // failed jobs kept 30 days (the default); pruning every 300 ms
  t = await startTestApp({ FX_JOB_PRUNE_MS: '300' }, { worker: true });
});
afterAll(async () => t?.close());

const count = async (sql: string, params: unknown[]) => Number((await t.app.db.pool.query(sql, params)).rows[0].n);

describe('job table retention', () => {
  it('a job done leaves the table with its work; failed ones stay their retention; invoice history stays', async () => {
    const tt = await tenantWithCredential(t);
    const insert = (status: string, age: string, error: string | null) =>
      t.app.db.pool
        .query<{ id: string }>(
          `insert into job (tenant_id, kind, payload, status, priority, run_at, attempts, created_at, updated_at,
            last_error)
           values ($1, 'no-such-kind', '{}', $2, 9, now(), 1, now(), now() - $3::interval, $4) returning id`,
          [tt.tenantId, status, age, error],
        )
        .then((r) => r.rows[0]!.id);
    const recentFailure = await insert('failed', '1 day', 'kept for diagnosis');
    const oldFailure = await insert('failed', '31 days', 'past its retention');
    const leftDone = await insert('done', '0 seconds', null); // a row an earlier version left as 'done'
    const inv = await emit(tt);
    const [done] = await waitForStatus(t, [inv.id], ['PROCESSED']);
    expect(done!.status).toBe('PROCESSED');
    // the statement that recorded MH's answer ended the transmit job: nothing is left for the pruning
    expect(
      await count(`select count(*) as n from job where kind = $1 and payload->>'invoiceId' = $2`, [
        transmitInvoiceJob.kind,
        inv.id,
      ]),
    ).toBe(0);
    const exists = (id: string) => count(`select count(*) as n from job where id = $1`, [id]);
    for (const until = Date.now() + 20_000; (await exists(oldFailure)) + (await exists(leftDone)) > 0; ) {
      if (Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect([await exists(oldFailure), await exists(leftDone), await exists(recentFailure)]).toEqual([0, 0, 1]);
    expect(await count(`select count(*) as n from invoice_event where invoice_id = $1`, [inv.id])).toBe(4);
  }, 60_000);
});
