import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue } from '../../queue/enqueue.js';
import { defineJob, JOB_PRIORITY, type JobOutcome, type JobRuntime } from '../../queue/job-definition.js';
import { DEADLINE_SCAN_BATCH, raiseDeadlineWarnings } from './deadline-warnings.js';

/** Queues the scan of the slot containing `at` (idempotent: one live job per slot). */
export function scheduleDeadlineScan(em: EntityManager, at: Date, intervalMs: number): Promise<boolean> {
  const slot = Math.floor(at.getTime() / intervalMs);
  return enqueue(em, deadlineScanJob, { slot }, { tenantId: null, runAt: new Date(slot * intervalMs) });
}

async function runDeadlineScan({ app }: JobRuntime): Promise<JobOutcome> {
  const { deadlineWarningMs, deadlineScanMs } = app.config.notifications;
  const now = app.clock.now();
  while ((await raiseDeadlineWarnings(app, now, deadlineWarningMs)) === DEADLINE_SCAN_BATCH);
  await scheduleDeadlineScan(app.db.orm.em.fork(), new Date(now.getTime() + deadlineScanMs), deadlineScanMs);
  return { kind: 'done' };
}

/** The periodic dte.deadline.warning scan: one job per time slot, deduplicated across workers. */
export const deadlineScanJob = defineJob<{ slot: number }>({
  kind: 'deadline-scan',
  priority: JOB_PRIORITY.maintenance,
  callsMh: false,
  dedupeKey: (p) => `deadline-scan:${p.slot}`,
  run: runDeadlineScan,
});
