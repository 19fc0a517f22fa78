import type { EntityManager } from '@mikro-orm/postgresql';
import { priorityOf } from './priorities.js';

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  tenantId?: string | null;
  /** At most one live (queued/running) job per key; a second enqueue with the same key is a no-op. */
  dedupeKey?: string | null;
  runAt?: Date;
}

/**
 * Adds a job in the caller's transaction (pass the transactional em), so the job exists iff the state change that
 * needs it was committed. Returns whether a row was inserted. Wakes idle workers through NOTIFY (sent on commit).
 */
export async function enqueue(em: EntityManager, job: NewJob): Promise<boolean> {
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `insert into job (tenant_id, kind, payload, status, priority, dedupe_key, run_at, attempts, created_at, updated_at)
     values (?, ?, ?, 'queued', ?, ?, ?, 0, now(), now())
     on conflict (dedupe_key) where status in ('queued', 'running') do nothing
     returning id`,
    [job.tenantId ?? null, job.kind, JSON.stringify(job.payload), priorityOf(job.kind), job.dedupeKey ?? null, job.runAt ?? new Date()],
    'all',
    em.getTransactionContext(),
  );
  if (rows.length) await em.getConnection().execute(`select pg_notify('fx_jobs', ?)`, [job.kind], 'all', em.getTransactionContext());
  return rows.length > 0;
}
