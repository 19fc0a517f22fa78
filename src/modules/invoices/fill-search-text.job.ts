import type pg from 'pg';
import { enqueue } from '../../queue/enqueue.js';
import { defineJob, JOB_PRIORITY, type JobOutcome, type JobRuntime } from '../../queue/job-definition.js';

/** Documents read per statement, and statements per run of the job (then it queues its continuation). */
export const FILL_BATCH = 500;
const BATCHES_PER_RUN = 10;

/** Where a fill stands: the tenant being walked (null: none yet) and the last document read of it. */
export interface FillSearchTextPayload {
  tenant: string | null;
  after: { fecEmi: string; createdAt: string; id: string } | null;
}

export const FILL_SEARCH_TEXT_START: FillSearchTextPayload = { tenant: null, after: null };

/**
 * One step of the fill: the next FILL_BATCH documents of the tenant in listing order (newest first, the order a walk
 * reads them), of which those without a stored text get it, in one short statement. The value is the row trigger's
 * (`fx_invoice_search_text` on the row's current version: setting the column fires it), so there is one source of
 * the text; a row that has one is not written again. A row another transaction holds locked (the pipeline recording
 * its status, say) is skipped rather than waited for: that writer's update is kept, and the walk computes the row's
 * text until one of its searched columns is written again. Returns where to go on from (null: every tenant done).
 */
export async function fillSearchTextStep(
  pool: pg.Pool | pg.Client,
  at: FillSearchTextPayload,
): Promise<FillSearchTextPayload | null> {
  let { tenant, after } = at;
  if (!tenant) {
    const next = await pool.query<{ id: string }>(`select id from tenant order by id limit 1`);
    if (!next.rows[0]) return null;
    tenant = next.rows[0].id;
  }
  const { rows } = await pool.query<{ fec_emi: string; created_at: string; id: string }>(
    `with batch as (
       select id, fec_emi, created_at, search_text from invoice
        where tenant_id = $1 and ($2::text is null or (fec_emi, created_at, id) < ($2, $3::timestamptz, $4::uuid))
        order by fec_emi desc, created_at desc, id desc limit ${FILL_BATCH}),
     todo as (
       select i.id from invoice i
        where i.id in (select id from batch where search_text is null) and i.search_text is null
        for update skip locked),
     filled as (
       update invoice i set search_text = fx_invoice_search_text(i.receptor_nombre, i.referencia_externa)
         from todo where i.id = todo.id)
     select fec_emi, created_at::text as created_at, id from batch order by fec_emi, created_at, id limit 1`,
    [tenant, after?.fecEmi ?? null, after?.createdAt ?? null, after?.id ?? null],
  );
  const last = rows[0];
  if (last) return { tenant, after: { fecEmi: last.fec_emi, createdAt: last.created_at, id: last.id } };
  const next = await pool.query<{ id: string }>(`select id from tenant where id > $1 order by id limit 1`, [tenant]);
  return next.rows[0] ? { tenant: next.rows[0].id, after: null } : null;
}

/**
 * Fills the stored search text of the documents written before it existed (queued once by the migration that
 * follows the column's): BATCHES_PER_RUN steps per run, then the continuation is queued as a job of its own, so the
 * fill takes the worker's maintenance turns instead of one long run, and an interrupted one resumes where it was.
 */
async function fillSearchText({ app }: JobRuntime, job: { payload: FillSearchTextPayload }): Promise<JobOutcome> {
  let at: FillSearchTextPayload | null = job.payload;
  for (let i = 0; at && i < BATCHES_PER_RUN; i++) at = await fillSearchTextStep(app.db.pool, at);
  if (at) await enqueue(app.db.orm.em.fork(), fillSearchTextJob, at, { tenantId: null });
  return { kind: 'done' };
}

export const fillSearchTextJob = defineJob<FillSearchTextPayload>({
  kind: 'fill-search-text',
  priority: JOB_PRIORITY.maintenance,
  callsMh: false,
  dedupeKey: (p) => `fill-search-text:${p.tenant ?? ''}:${p.after?.id ?? ''}`,
  run: fillSearchText,
});
