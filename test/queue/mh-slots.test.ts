import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import type { Mailer } from '../../src/modules/email/mailer.js';
import { defineJob } from '../../src/queue/job-definition.js';
import { Worker } from '../../src/queue/worker.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const log = createLogger('error');

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 20)))
    if (Date.now() > end) throw new Error('timed out');
}

/** A promise opened from outside. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

describe("the worker's MH slots", () => {
  let t: TestApp;
  let worker: Worker;
  const localGate = gate();
  const recordGates = new Map<string, ReturnType<typeof gate>>();
  const localRunning: string[] = [];
  const atMh: string[] = [];
  const recording: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    // Local work (an e-mail, a PDF) that takes its time.
    const local = defineJob<{ n: string }>({
      kind: 'test.local',
      priority: 5,
      callsMh: false,
      dedupeKey: () => null,
      run: async (_rt, job) => {
        localRunning.push(job.payload.n);
        await localGate.wait;
        return { kind: 'done' };
      },
    });
    // A transmission: one request to MH in a slot, then its answer recorded (held open by the test).
    const mh = defineJob<{ n: string }>({
      kind: 'test.mh',
      priority: 0,
      callsMh: true,
      mhSlotPerCall: true,
      dedupeKey: () => null,
      run: async (_rt, job) => {
        await job.atMh!(async () => {
          atMh.push(job.payload.n);
        });
        recording.push(job.payload.n);
        await recordGates.get(job.payload.n)?.wait;
        return { kind: 'done' };
      },
    });
    worker = new Worker(log, {
      definitions: [local, mh],
      runtime: { app: t.app, mailer: {} as Mailer },
      // One job slot, one MH slot, one document of the tenant at a time and none claimed ahead.
      concurrency: 1,
      perTenantConcurrency: 1,
      mhPrefetch: 0,
      listener: t.app.db.listener,
      pool: t.app.db.pool,
    });
    await worker.start();
  });
  afterAll(async () => {
    localGate.open();
    for (const g of recordGates.values()) g.open();
    await worker?.stop();
    await t?.close();
  });

  const queue = (kind: string, n: string) =>
    t.app.db.pool.query(
      `with j as (insert into job (tenant_id, kind, payload, status, priority, run_at, attempts, created_at, updated_at)
         values (null, $1, $2::jsonb, 'queued', $3, now(), 0, now(), now()) returning id)
       select pg_notify('fx_jobs', $1) from j`,
      [kind, JSON.stringify({ n }), kind === 'test.mh' ? 0 : 5],
    );

  it('local jobs filling every job slot do not keep a document from MH', async () => {
    // Two local jobs: one in local work's own share, one in the job slot.
    await queue('test.local', 'l1');
    await until(() => localRunning.length === 1);
    await new Promise((r) => setTimeout(r, 150)); // (local work's share is looked for at most every 100 ms)
    await queue('test.local', 'l2');
    await until(() => localRunning.length === 2);
    recordGates.set('a', gate());
    await queue('test.mh', 'a');
    await until(() => atMh.includes('a'), 5000);
    expect(localRunning).toEqual(['l1', 'l2']); // both still running
  });

  it("the tenant's next document is claimed once MH answered, while the answer is still being recorded", async () => {
    // 'a' holds its answer's recording open; with one document of the tenant at a time and none ahead, 'b' still goes
    // to MH: a document whose answer is being recorded no longer counts as being at MH.
    await until(() => recording.includes('a'));
    localGate.open(); // (the local jobs end: only the worker's MH limits are left)
    for (let left = 2; left > 0; await new Promise((r) => setTimeout(r, 20)))
      left = (await t.app.db.pool.query(`select count(*)::int as n from job where kind = 'test.local'`)).rows[0].n;
    await queue('test.mh', 'b');
    await until(() => atMh.includes('b'), 5000);
    expect(recording).toEqual(['a', 'b']);
    recordGates.get('a')!.open();
  });
});
