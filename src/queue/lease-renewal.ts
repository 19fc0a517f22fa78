import type pg from 'pg';
import type { Logger } from '../core/logger.js';

/** A job a worker holds: its latest claim's `attempts`, and the run of that claim until it ended. */
export interface HeldClaim {
  attempts: number;
  settled: Promise<void>;
}

/**
 * Renews the leases of the claims worker `workerId` holds (not those of earlier claims of the same jobs): each job
 * found by its key, then its claim checked.
 */
export async function renewLeases(
  log: Logger,
  pool: pg.Pool,
  workerId: string,
  leaseMs: number,
  running: ReadonlyMap<string, HeldClaim>,
): Promise<void> {
  if (!running.size) return;
  await pool
    .query(
      `update job set locked_until = now() + ($1 * interval '1 millisecond')
         where id = any($3::bigint[]) and locked_by = $2 and status = 'running'
           and (id, attempts) in (select * from unnest($3::bigint[], $4::int[]))`,
      [leaseMs, workerId, [...running.keys()], [...running.values()].map((c) => c.attempts)],
    )
    .catch((err) => log.warn({ err: (err as Error).message }, 'lease renewal failed'));
}
