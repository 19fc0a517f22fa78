import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue } from './enqueue.js';
import { defineJob, JOB_PRIORITY, type JobOutcome, type JobRuntime } from './job-definition.js';

const BATCH = 5000;

/**
 * The job table only holds work: a job that ends done is deleted by the statement that ends it (worker.ts, jobDoneCte),
 * so the table holds the queued and running jobs and the failed ones, which stay FX_FAILED_JOB_RETENTION_DAYS for
 * diagnosis and are deleted here. (A row left as 'done' by an earlier version goes at the first pass.) The
 * documents' own history is in invoice_event and the webhook delivery log, which are not pruned. Runs once per slot
 * of FX_JOB_PRUNE_MS.
 */
async function pruneJobs({ app }: JobRuntime): Promise<JobOutcome> {
  const { failedRetentionMs, pruneEveryMs } = app.config.jobs;
  for (;;) {
    const { rowCount } = await app.db.pool.query(
      `delete from job where id in (
         select id from job
         where status = 'done'
            or (status = 'failed' and updated_at < now() - ($1 * interval '1 millisecond'))
         limit $2)`,
      [failedRetentionMs, BATCH],
    );
    if ((rowCount ?? 0) < BATCH) break;
  }
  await schedulePruneJobs(app.db.orm.em.fork(), new Date(app.clock.now().getTime() + pruneEveryMs), pruneEveryMs);
  return { kind: 'done' };
}

export const pruneJobsJob = defineJob<{ slot: number }>({
  kind: 'prune-jobs',
  priority: JOB_PRIORITY.maintenance,
  callsMh: false,
  dedupeKey: (p) => `prune-jobs:${p.slot}`,
  run: pruneJobs,
});

/** Queues the pruning of the slot containing `at` (idempotent across workers: one live job per slot). */
export function schedulePruneJobs(em: EntityManager, at: Date, intervalMs: number): Promise<boolean> {
  const slot = Math.floor(at.getTime() / intervalMs);
  return enqueue(em, pruneJobsJob, { slot }, { tenantId: null, runAt: new Date(slot * intervalMs) });
}
