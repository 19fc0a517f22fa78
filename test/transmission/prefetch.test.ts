import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transmitInvoiceJob } from '../../src/modules/transmission/transmit-invoice.job.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { keepEndedJobs } from '../helpers/jobs.js';
import { emit, facturaBody, tenantWithCredential, waitForStatus } from '../helpers/pipeline.js';

const LATENCY_MS = 1500;

let t: TestApp;
beforeAll(async () => {
  // One MH slot in all, and a lease shorter than one MH answer: a document claimed ahead waits longer than its
  // lease for the slot, so only lease renewal keeps it from being claimed a second time.
  t = await startTestApp(
    {
      FX_WORKER_CONCURRENCY: '1',
      FX_WORKER_TENANT_CONCURRENCY: '1',
      FX_JOB_LEASE_MS: '1000',
      FX_MH_TIMEOUT_MS: '20000',
    },
    { worker: true },
  );
  await keepEndedJobs(t.app.db.pool);
});
afterAll(async () => t?.close());

interface EventRow {
  id: string;
  invoice_id: string;
  type: string;
  at: Date;
}

describe('documents prepared while the slot is at MH', () => {
  it('the next document is claimed and prepared while the one before is at MH; MH gets one at a time', async () => {
    const tt = await tenantWithCredential(t);
    t.app.mh.sandbox!.setFault({ latencyMs: LATENCY_MS }, tt.nit);
    // When each document's job was first seen held by the worker (sampled every 50 ms).
    const claimedAt = new Map<string, number>();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const held = await t.app.db.pool.query<{ id: string }>(
          `select payload->>'invoiceId' as id from job where kind = $1 and tenant_id = $2 and status = 'running'`,
          [transmitInvoiceJob.kind, tt.tenantId],
        );
        for (const r of held.rows) if (!claimedAt.has(r.id)) claimedAt.set(r.id, Date.now());
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await emit(tt, facturaBody())).id); // claimed in this order
    const done = await waitForStatus(t, ids, ['PROCESSED', 'REJECTED'], 60_000);
    sampling = false;
    await sampler;
    expect(done.map((d) => d.status)).toEqual(ids.map(() => 'PROCESSED'));

    const { rows } = await t.app.db.pool.query<EventRow>(
      `select e.id::text, e.invoice_id::text, e.type, e.created_at as at from invoice_event e
        where e.invoice_id = any($1::uuid[]) order by e.id`,
      [ids],
    );
    const event = (invoice: string, type: string) => {
      const e = rows.find((r) => r.invoice_id === invoice && r.type === type);
      expect(e, `${type} of ${invoice}`).toBeDefined();
      return e!;
    };
    for (const [i, id] of ids.entries()) {
      // The order each document's events are announced in is unchanged.
      expect(rows.filter((r) => r.invoice_id === id).map((r) => r.type)).toEqual([
        'dte.queued',
        'dte.signed',
        'dte.sent',
        'dte.processed',
      ]);
      expect(t.app.mh.sandbox!.receptions(done[i]!.codigoGeneracion)).toBe(1);
      expect(done[i]!.sendAttempts).toBe(1);
    }
    // In the order MH answered them (documents prepared together go to MH in the order their preparation ends):
    const answered = rows.filter((r) => r.type === 'dte.processed').map((r) => r.invoice_id);
    for (let i = 1; i < answered.length; i++) {
      const [previous, id] = [answered[i - 1]!, answered[i]!];
      // Prepared ahead: this document's job was held while the previous one was still at MH (claiming it only once
      // the slot was free would hold it after the previous answer).
      expect(claimedAt.get(id), `claim of ${id}`).toBeDefined();
      expect(claimedAt.get(id)!).toBeLessThan(event(previous, 'dte.processed').at.getTime() - LATENCY_MS / 2);
      // …but it went to MH only once the slot was free: one document at MH at a time, each answered about a full
      // latency after the one before it (two at once would be answered together).
      const gap = event(id, 'dte.processed').at.getTime() - event(previous, 'dte.processed').at.getTime();
      expect(gap).toBeGreaterThanOrEqual(LATENCY_MS / 2);
    }

    // Each job was claimed exactly once: the lease of a job waiting for the slot was renewed all along. (A job done
    // is deleted: the rows are the copies kept by the test.)
    const jobs = await t.app.db.pool.query<{ attempts: number; status: string }>(
      `select attempts, status from ended_job where kind = $1 and tenant_id = $2`,
      [transmitInvoiceJob.kind, tt.tenantId],
    );
    expect(jobs.rows).toHaveLength(ids.length);
    for (const j of jobs.rows) expect(j).toEqual({ attempts: 1, status: 'running' });
  }, 90_000);
});
