import type pg from 'pg';
import type { Logger } from '../core/logger.js';
import { prepared } from '../db/sql-params.js';
import type { ClaimedJob, JobOutcome } from './job-definition.js';

/**
 * Ends the jobs $1 done, each under its claim: held by worker $2 with the `attempts` at the same place in $3 (each
 * claim increments it, so an earlier claim of the same job by the same worker does not match).
 */
const MARK_DONE = `delete from job
  where id = any($1::bigint[]) and locked_by = $2 and status = 'running'
    and (id, attempts) in (select * from unnest($1::bigint[], $3::int[]))`;

/**
 * Records the outcomes of one worker's jobs, each fenced by its claim — `locked_by` and `attempts`, which every claim
 * increments — so a run whose lease was taken over cannot overwrite the new owner's result (see Worker).
 */
export class JobOutcomes {
  /** Jobs finished as 'done' in this turn of the event loop, deleted together (markDone). */
  private doneBatch: { ids: string[]; attempts: number[]; settled: Promise<void> } | null = null;

  constructor(
    private readonly log: Logger,
    private readonly pool: pg.Pool,
    /** The worker's id, as its claims wrote it in `locked_by`. */
    private readonly workerId: string,
  ) {}

  async finish(job: ClaimedJob, o: JobOutcome): Promise<void> {
    const pool = this.pool;
    if (o.kind === 'done') {
      if (!o.recorded) await this.markDone(job);
    } else if (o.kind === 'retry') {
      await pool.query(
        `update job set status = 'queued', run_at = now() + ($1 * interval '1 millisecond'), last_error = $2,
          locked_by = null, locked_until = null, updated_at = now()
         where id = $3 and locked_by = $4 and attempts = $5 and status = 'running'`,
        [o.delayMs, o.error.slice(0, 2000), job.id, this.workerId, job.attempts],
      );
    } else {
      this.log.warn({ jobId: job.id, kind: job.kind, error: o.error }, 'job failed for good');
      await pool.query(
        `update job set status = 'failed', last_error = $1, locked_until = null, updated_at = now()
         where id = $2 and locked_by = $3 and attempts = $4 and status = 'running'`,
        [o.error.slice(0, 2000), job.id, this.workerId, job.attempts],
      );
    }
  }

  /**
   * Jobs that finish in the same turn of the event loop are ended by one statement (most jobs end with 'done'; a
   * batch of 64 claimed jobs tends to finish in bursts). A finished job is deleted (see jobDoneCte). Fenced by its
   * claim like every outcome (each job found by its key, then its claim checked).
   */
  private markDone(job: ClaimedJob): Promise<void> {
    if (!this.doneBatch) {
      const ids: string[] = [];
      const attempts: number[] = [];
      const settled = new Promise<void>((resolve, reject) => {
        setImmediate(() => {
          this.doneBatch = null;
          this.pool.query(prepared(MARK_DONE, [ids, this.workerId, attempts])).then(() => resolve(), reject);
        });
      });
      this.doneBatch = { ids, attempts, settled };
    }
    this.doneBatch.ids.push(job.id);
    this.doneBatch.attempts.push(job.attempts);
    return this.doneBatch.settled;
  }
}
