import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { SqlParams } from '../../src/db/sql-params.js';
import type { Mailer } from '../../src/modules/email/mailer.js';
import { jobDoneCte, jobDoneOutcome } from '../../src/queue/enqueue.js';
import { defineJob, type JobOutcome } from '../../src/queue/job-definition.js';
import { Worker } from '../../src/queue/worker.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const log = createLogger('error');
// (long enough that a loaded machine does not stall the renewals of the second claim past it)
const LEASE_MS = 1000;

async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !(await check()); await new Promise((r) => setTimeout(r, 20)))
    if (Date.now() > end) throw new Error('timed out');
}

/** A promise opened from outside. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

type FirstEnd = 'done' | 'done in its own statement' | 'retry' | 'failed';

/**
 * A run whose lease runs out while it still runs (its renewals do not get through: the event loop or the database
 * stalled for longer than the lease), and whose job the SAME worker claims again meanwhile. Whatever the first run
 * ends with, it ends a claim that is no longer its own: the job belongs to the second claim until that one's outcome.
 */
describe('a job claimed again by its own worker while its first run still runs', () => {
  let t: TestApp;
  let worker: Worker;
  let renewals = true;
  const runs: { job: string; attempts: number; ended: boolean }[] = [];
  let active = 0;
  let maxActive = 0;
  const firstEnds = new Map<string, FirstEnd>();
  const secondGates = new Map<string, ReturnType<typeof gate>>();

  const jobRow = async (id: string) =>
    (
      await t.app.db.pool.query<{
        status: string;
        attempts: number;
        locked_by: string | null;
        last_error: string | null;
      }>(`select status, attempts, locked_by, last_error from job where id = $1`, [id])
    ).rows[0] ?? null;

  beforeAll(async () => {
    t = await startTestApp();
    const pool = t.app.db.pool;
    const stall = defineJob<{ n: string }>({
      kind: 'test.stall',
      priority: 0,
      callsMh: false,
      dedupeKey: () => null,
      run: async (_rt, job) => {
        const run = { job: job.id, attempts: job.attempts, ended: false };
        runs.push(run);
        maxActive = Math.max(maxActive, ++active);
        try {
          if (job.attempts > 1) {
            await secondGates.get(job.id)!.wait;
            return { kind: 'retry', delayMs: 60_000, error: 'second run' };
          }
          // The first run stalls past its lease, until its own worker has claimed the job again.
          renewals = false;
          await until(async () => (await jobRow(job.id))?.attempts === 2);
          renewals = true;
          const end = firstEnds.get(job.id)!;
          let outcome: JobOutcome;
          if (end === 'done') outcome = { kind: 'done' };
          else if (end === 'retry') outcome = { kind: 'retry', delayMs: 0, error: 'first run' };
          else if (end === 'failed') outcome = { kind: 'failed', error: 'first run' };
          else {
            const p = new SqlParams();
            const cte = jobDoneCte(p, job)!;
            await pool.query(`with d as (${cte} returning id) select count(*) from d`, p.values);
            outcome = jobDoneOutcome(job);
          }
          return outcome;
        } finally {
          active--;
          run.ended = true;
        }
      },
    });
    // The worker's own statements, the lease renewals dropped while a first run stalls.
    const workerPool = {
      query: (cfg: string | { text: string }, values?: unknown[]) => {
        const text = typeof cfg === 'string' ? cfg : cfg.text;
        if (!renewals && /^\s*update job set locked_until/.test(text))
          return Promise.resolve({ rows: [], rowCount: 0 });
        return pool.query(cfg as string, values);
      },
    } as unknown as pg.Pool;
    worker = new Worker(log, {
      definitions: [stall],
      runtime: { app: t.app, mailer: {} as Mailer },
      concurrency: 4,
      perTenantConcurrency: 2,
      leaseMs: LEASE_MS,
      pollMs: 50,
      listener: t.app.db.listener,
      pool: workerPool,
    });
    await worker.start();
  });
  afterAll(async () => {
    for (const g of secondGates.values()) g.open();
    await worker?.stop();
    await t?.close();
  });

  it.each<FirstEnd>(['done', 'done in its own statement', 'retry', 'failed'])(
    'the first run ending %s changes nothing of the second claim, which runs once the first ended and keeps its lease',
    async (end) => {
      const { rows } = await t.app.db.pool.query<{ id: string }>(
        `insert into job (tenant_id, kind, payload, status, priority, run_at, attempts, created_at, updated_at)
         values (null, 'test.stall', '{}', 'queued', 0, now(), 0, now(), now()) returning id`,
      );
      const id = String(rows[0]!.id);
      firstEnds.set(id, end);
      secondGates.set(id, gate());
      maxActive = 0;
      const mine = () => runs.filter((r) => r.job === id);
      await t.app.db.pool.query(`select pg_notify('fx_jobs', 'test.stall')`);
      await until(() => mine().length >= 1 && mine()[0]!.ended);
      // The first run's outcome, whatever it was, was for a claim it no longer holds: the job is still running under
      // the second claim, and stays so over several leases (that claim's lease is renewed).
      await new Promise((r) => setTimeout(r, LEASE_MS * 3));
      expect(await jobRow(id)).toEqual({ status: 'running', attempts: 2, locked_by: worker.id, last_error: null });
      // The second run ends the job as it says.
      await until(() => mine().length === 2);
      secondGates.get(id)!.open();
      await until(async () => (await jobRow(id))?.status === 'queued');
      expect(await jobRow(id)).toEqual({ status: 'queued', attempts: 2, locked_by: null, last_error: 'second run' });
      // One run at a time: the second started once the first had ended.
      expect(mine().map((r) => r.attempts)).toEqual([1, 2]);
      expect(maxActive).toBe(1);
    },
    30_000,
  );
});
