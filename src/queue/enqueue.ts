import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlParams } from '../db/sql-params.js';
import type { AnyJobDefinition, ClaimedJob, JobDefinition, JobOutcome } from './job-definition.js';

export interface EnqueueOptions {
  tenantId: string | null;
  runAt?: Date;
}

/**
 * Adds a job of kind `def` in the caller's transaction (pass the transactional em), so the job exists iff the state
 * change that needs it was committed. Returns whether a row was inserted (false: a live job with the same dedupe key
 * exists). Wakes idle workers through NOTIFY (sent on commit).
 */
export async function enqueue<P>(
  em: EntityManager,
  def: JobDefinition<P>,
  payload: P,
  opts: EnqueueOptions,
): Promise<boolean> {
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `with j as (
       insert into job (tenant_id, kind, payload, status, priority, dedupe_key, run_at, attempts, created_at,
         updated_at)
       values (?, ?, ?, 'queued', ?, ?, ?, 0, now(), now())
       on conflict (dedupe_key) where status in ('queued', 'running') do nothing
       returning id)
     select j.id, pg_notify('fx_jobs', ?) from j`,
    [
      opts.tenantId,
      def.kind,
      JSON.stringify(payload),
      def.priority,
      def.dedupeKey(payload),
      opts.runAt ?? new Date(),
      def.kind,
    ],
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
    sql: `insert into job (tenant_id, kind, payload, status, priority, dedupe_key, run_at, attempts, created_at,
      updated_at)
          values (${$(0)}::uuid, ${$(1)}::varchar, ${$(2)}::jsonb, 'queued', ${$(3)}::smallint, ${$(4)}::varchar,
            ${$(5)}::timestamptz, 0, now(), now())
          on conflict (dedupe_key) where status in ('queued', 'running') do nothing
          returning id`,
    values: [
      opts.tenantId,
      def.kind,
      JSON.stringify(payload),
      def.priority,
      def.dedupeKey(payload),
      opts.runAt ?? new Date(),
    ],
    kindParam: $(1),
  };
}

/**
 * `insert into job … select … from <from>`: one job of kind `def` per row of `from` (a CTE of the caller's statement),
 * so a job exists only when the row that needs it was written. `payload` and `dedupeKey` are SQL expressions over
 * `from` (see dedupeKeyPrefix). Returns the CTE body; it yields `kind` for the caller's `pg_notify('fx_jobs', kind)`.
 */
export function jobInsertSelect(
  p: SqlParams,
  def: AnyJobDefinition,
  from: string,
  sql: { tenantId: string; payload: string; dedupeKey: string },
): string {
  return `insert into job (tenant_id, kind, payload, status, priority, dedupe_key, run_at, attempts, created_at,
            updated_at)
          select ${sql.tenantId}, ${p.add(def.kind, 'varchar')}, ${sql.payload}, 'queued',
                 ${p.add(def.priority, 'smallint')},
                 ${sql.dedupeKey}, now(), 0, now(), now()
          from ${from}
          on conflict (dedupe_key) where status in ('queued', 'running') do nothing
          returning kind`;
}

/**
 * The constant part of `def`'s dedupe key for a payload whose only field `field` is an id written in SQL:
 * `prefix || id`. Throws when the key is not of that shape (the definition changed: update the caller).
 */
export function dedupeKeyPrefix<P>(def: JobDefinition<P>, field: keyof P & string): string {
  const prefix = def.dedupeKey({ [field]: '' } as P);
  if (prefix === null || def.dedupeKey({ [field]: 'x' } as P) !== `${prefix}x`) {
    throw new Error(`the dedupe key of ${def.kind} is not "<prefix><${field}>"`);
  }
  return prefix;
}

/**
 * Ending `job` as a CTE of its handler's last statement, so the outcome commits with the work that ends the job (one
 * round trip less, and no window between the two). A job done is deleted, not kept as 'done': nothing reads finished
 * jobs (a document's history is its invoice_event rows), and a delete writes no new row version and no index entry,
 * where an update to 'done' wrote both and left the row for the pruning to delete later. Fenced by the lease like
 * the worker's own statements: a worker whose lease was taken over changes nothing. Null for a job without a lease
 * holder (the worker ends it). The handler then returns jobDoneOutcome(job).
 */
export function jobDoneCte(p: SqlParams, job: ClaimedJob): string | null {
  if (!job.lockedBy) return null;
  return `delete from job
          where id = ${p.add(job.id, 'bigint')} and locked_by = ${p.add(job.lockedBy)} and status = 'running'`;
}

/** The outcome of a handler whose last statement carried jobDoneCte(job). */
export function jobDoneOutcome(job: ClaimedJob): JobOutcome {
  return { kind: 'done', recorded: !!job.lockedBy };
}
