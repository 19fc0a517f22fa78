import type { EntityManager } from '@mikro-orm/postgresql';
import type { JobDefinition } from './job-definition.js';

export interface EnqueueOptions {
  tenantId: string | null;
  runAt?: Date;
}

/**
 * Adds a job of kind `def` in the caller's transaction (pass the transactional em), so the job exists iff the state
 * change that needs it was committed. Returns whether a row was inserted (false: a live job with the same dedupe key
 * exists). Wakes idle workers through NOTIFY (sent on commit).
 */
export async function enqueue<P>(em: EntityManager, def: JobDefinition<P>, payload: P, opts: EnqueueOptions): Promise<boolean> {
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `with j as (
       insert into job (tenant_id, kind, payload, status, priority, dedupe_key, run_at, attempts, created_at, updated_at)
       values (?, ?, ?, 'queued', ?, ?, ?, 0, now(), now())
       on conflict (dedupe_key) where status in ('queued', 'running') do nothing
       returning id)
     select j.id, pg_notify('fx_jobs', ?) from j`,
    [opts.tenantId, def.kind, JSON.stringify(payload), def.priority, def.dedupeKey(payload), opts.runAt ?? new Date(), def.kind],
    'all',
    em.getTransactionContext(),
  );
  return rows.length > 0;
}

export interface JobInsert {
  /** `insert into job … returning id`, usable as a CTE of a larger statement. */
  sql: string;
  values: unknown[];
  /** The placeholder holding the kind (for the caller's pg_notify). */
  kindParam: string;
}

/** The insert of one job as a statement fragment with `$n` placeholders from `firstParam` (plain `pg` queries). */
export function jobInsert<P>(def: JobDefinition<P>, payload: P, opts: EnqueueOptions, firstParam = 1): JobInsert {
  const $ = (i: number) => `$${firstParam + i}`;
  return {
    sql: `insert into job (tenant_id, kind, payload, status, priority, dedupe_key, run_at, attempts, created_at, updated_at)
          values (${$(0)}::uuid, ${$(1)}::varchar, ${$(2)}::jsonb, 'queued', ${$(3)}::smallint, ${$(4)}::varchar, ${$(5)}::timestamptz, 0, now(), now())
          on conflict (dedupe_key) where status in ('queued', 'running') do nothing
          returning id`,
    values: [opts.tenantId, def.kind, JSON.stringify(payload), def.priority, def.dedupeKey(payload), opts.runAt ?? new Date()],
    kindParam: $(1),
  };
}
