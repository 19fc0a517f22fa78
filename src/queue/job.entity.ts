import { defineEntity, p } from '@mikro-orm/core';

/**
 * The database is the queue. Payload = ids only; handlers reload state. A job is claimed with FOR UPDATE SKIP LOCKED
 * and a lease (lockedUntil): a worker that dies leaves its job to be reclaimed when the lease runs out.
 */
export const JobSchema = defineEntity({
  name: 'Job',
  tableName: 'job',
  properties: {
    id: p.bigint().primary().autoincrement(),
    tenantId: p.uuid().nullable(),
    kind: p.string().length(40),
    payload: p.json<Record<string, unknown>>(),
    /** queued | running | failed (a job that ends done is deleted: jobDoneCte in src/queue/enqueue.ts) */
    status: p.string().length(10).default('queued'),
    /** Claim order, lower first (the job definition's priority, src/queue/job-definition.ts). */
    priority: p.smallint().default(5),
    /** At most one queued/running job per key (e.g. `transmit:<invoice id>`). */
    dedupeKey: p.string().length(120).nullable(),
    runAt: p.datetime(),
    attempts: p.integer().default(0),
    lockedUntil: p.datetime().nullable(),
    lockedBy: p.string().length(80).nullable(),
    lastError: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [
    // Partial indexes, so that a job's row versions are indexed only where they are looked for: queued jobs in claim
    // order, running ones by lease end (taking over expired leases), failed ones by last change (pruning; a job done
    // is deleted, so no row stays 'done' but those an earlier version left), queued ones by tenant and kind in claim
    // order (claiming around a busy tenant's backlog; waking a tenant's blocked transmissions). A version outside a
    // condition gets no entry there.
    ...(
      [
        ['job_queued_index', `("priority", "run_at") where "status" = 'queued'`],
        ['job_lease_index', `("locked_until") where "status" = 'running'`],
        ['job_finished_index', `("updated_at") where "status" in ('done', 'failed')`],
        ['job_tenant_claim_index', `("tenant_id", "kind", "priority", "run_at") where "status" = 'queued'`],
      ] as const
    ).map(([name, definition]) => ({ name, expression: `create index "${name}" on "job" ${definition}` })),
    // One live job per dedupe key: enqueueing the same work twice is a no-op (ON CONFLICT … DO NOTHING).
    {
      name: 'job_dedupe_live_unique',
      expression:
        `create unique index "job_dedupe_live_unique" on "job" ` +
        `("dedupe_key") where "status" in ('queued', 'running')`,
    },
  ],
});
export class Job extends JobSchema.class {}
JobSchema.setClass(Job);
