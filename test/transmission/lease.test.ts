import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvoiceEvent } from '../../src/modules/invoices/invoice.entity.js';
import { transmitInvoiceJob } from '../../src/modules/transmission/transmit-invoice.job.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { keepEndedJobs } from '../helpers/jobs.js';
import { emit, facturaBody, tenantWithCredential, waitForStatus } from '../helpers/pipeline.js';

let t: TestApp;
beforeAll(async () => {
  // A lease much shorter than one MH answer: only lease renewal keeps a running job from being claimed again.
  t = await startTestApp({ FX_JOB_LEASE_MS: '1000', FX_MH_TIMEOUT_MS: '20000' }, { worker: true });
  await keepEndedJobs(t.app.db.pool);
});
afterAll(async () => t?.close());

describe('job leases', () => {
  it('a job running past its lease keeps it: every document is sent once and never goes through UNKNOWN', async () => {
    const tt = await tenantWithCredential(t);
    t.app.mh.sandbox!.setFault({ latencyMs: 2500 }, tt.nit);
    const ids = (await Promise.all(Array.from({ length: 6 }, () => emit(tt, facturaBody())))).map((i) => i.id);
    const done = await waitForStatus(t, ids, ['PROCESSED', 'REJECTED'], 60_000);
    expect(done.map((d) => d.status)).toEqual(ids.map(() => 'PROCESSED'));
    for (const d of done) {
      expect(t.app.mh.sandbox!.receptions(d.codigoGeneracion)).toBe(1);
      expect(d.sendAttempts).toBe(1);
      const types = (
        await t.app.db.orm.em.fork().find(InvoiceEvent, { invoice: d.id }, { filters: false, orderBy: { id: 'asc' } })
      ).map((e) => e.type);
      expect(types).toEqual(['dte.queued', 'dte.signed', 'dte.sent', 'dte.processed']);
    }
    // Each transmit job was claimed exactly once (a lost lease would have claimed it again: attempts 2), and ended
    // done (deleted: no job of the tenant's documents is left).
    const left = await t.app.db.pool.query(`select id from job where kind = $1 and tenant_id = $2`, [
      transmitInvoiceJob.kind,
      tt.tenantId,
    ]);
    expect(left.rows).toEqual([]);
    const jobs = await t.app.db.orm.em
      .fork()
      .getConnection()
      .execute<{ attempts: number }[]>(`select attempts from ended_job where kind = ? and tenant_id = ?`, [
        transmitInvoiceJob.kind,
        tt.tenantId,
      ]);
    expect(jobs).toHaveLength(ids.length);
    for (const j of jobs) expect(j.attempts).toBe(1);
  }, 90_000);
});
