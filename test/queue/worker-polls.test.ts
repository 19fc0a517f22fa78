import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { defineJob, type JobRuntime } from '../../src/queue/job-definition.js';
import { Worker } from '../../src/queue/worker.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

/** The pool, counting the claim statements sent through it. */
function countingPool(pool: pg.Pool): { pool: pg.Pool; claims: () => number } {
  let claims = 0;
  const counted = {
    query: (...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text;
      if (/^with (recursive )?(q|w) as \(/.test(text)) claims += 1;
      return (pool.query as (...a: unknown[]) => unknown)(...args);
    },
  };
  return { pool: counted as unknown as pg.Pool, claims: () => claims };
}

async function insertJobs(kind: string, n: number): Promise<void> {
  await t.app.db.pool.query(
    `with j as (
       insert into job (tenant_id, kind, payload, status, priority, run_at, attempts, created_at, updated_at)
       select null, $1, jsonb_build_object('n', g), 'queued', 5, now(), 0, now(), now() from generate_series(1, $2) g
       returning id)
     select pg_notify('fx_jobs', $1) from j limit 1`,
    [kind, n],
  );
}

describe('worker wake-ups', () => {
  it('a job that finishes after a claim found every due job does not claim again; new work still wakes it', async () => {
    const kind = 'test-one-at-a-time';
    const done: number[] = [];
    // the jobs end one after the other, 20 ms apart: each end would otherwise send its own claim
    let chain = Promise.resolve();
    const def = defineJob<{ n: number }>({
      kind,
      priority: 5,
      callsMh: false,
      dedupeKey: () => null,
      run: (_rt, job) => {
        chain = chain.then(() => new Promise((r) => setTimeout(r, 20)));
        return chain.then(() => {
          done.push(job.payload.n);
          return { kind: 'done' } as const;
        });
      },
    });
    const counting = countingPool(t.app.db.pool);
    const worker = new Worker(createLogger('error'), {
      definitions: [def],
      runtime: { app: t.app } as unknown as JobRuntime,
      concurrency: 16,
      perTenantConcurrency: 4,
      databaseUrl: t.app.db.url,
      pool: counting.pool,
      // no periodic poll during the test: only NOTIFY and finished jobs wake the worker
      pollMs: 600_000,
    });
    await worker.start();
    try {
      const until = async (n: number) => {
        for (const end = Date.now() + 10_000; done.length < n && Date.now() < end; )
          await new Promise((r) => setTimeout(r, 10));
        expect(done.length).toBe(n);
      };
      await until(0);
      const before = counting.claims();
      await insertJobs(kind, 10);
      await until(10);
      await worker.idle();
      // one wake-up (the NOTIFY) claimed all ten; the ten ends claimed nothing more (before: one claim each)
      expect(counting.claims() - before).toBeLessThanOrEqual(2);
      // drained, it still hears of new work at once
      const started = Date.now();
      await insertJobs(kind, 3);
      await until(13);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await worker.stop();
    }
  }, 60_000);
});
