import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transmitInvoiceJob } from '../../src/modules/transmission/transmit-invoice.job.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, tenantWithCredential, waitForStatus } from '../helpers/pipeline.js';

let t: TestApp;
beforeAll(async () => {
  // done jobs kept 0 h, failed ones 30 days; pruning every 300 ms
  t = await startTestApp({ FX_JOB_RETENTION_HOURS: '0', FX_JOB_PRUNE_MS: '300' }, { worker: true });
});
afterAll(async () => t?.close());

const count = async (sql: string, params: unknown[]) => Number((await t.app.db.pool.query(sql, params)).rows[0].n);

describe('job table retention', () => {
  it('finished jobs are pruned after their retention; failed ones are kept longer; invoice history stays', async () => {
    const tt = await tenantWithCredential(t);
    const failed = await t.app.db.pool.query(
      `insert into job (tenant_id, kind, payload, status, priority, run_at, attempts, created_at, updated_at,
        last_error)
       values ($1, 'no-such-kind', '{}', 'failed', 9, now(), 1, now(), now() - interval '1 day', 'kept for diagnosis')
         returning id`,
      [tt.tenantId],
    );
    const inv = await emit(tt);
    const [done] = await waitForStatus(t, [inv.id], ['PROCESSED']);
    expect(done!.status).toBe('PROCESSED');
    const transmitJobs = () =>
      count(`select count(*) as n from job where kind = $1 and payload->>'invoiceId' = $2`, [
        transmitInvoiceJob.kind,
        inv.id,
      ]);
    for (const until = Date.now() + 20_000; (await transmitJobs()) > 0 && Date.now() < until; )
      await new Promise((r) => setTimeout(r, 100));
    expect(await transmitJobs()).toBe(0);
    expect(await count(`select count(*) as n from job where id = $1`, [failed.rows[0].id])).toBe(1);
    expect(await count(`select count(*) as n from invoice_event where invoice_id = $1`, [inv.id])).toBe(4);
  }, 60_000);
});
