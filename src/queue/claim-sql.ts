// The claim statements of the job runner (Worker): both take the jobs by FOR UPDATE SKIP LOCKED under one worker's
// lease, the due queued jobs and the expired leases alike.

/**
 * The end of both claim statements, after their CTE `q` of claimable queued jobs: the running jobs whose lease has
 * expired (`e`), then the first $3 of both in claim order marked running under this worker's lease, each with how
 * long it had waited since it was due (`waited_ms`, on the database's clock).
 */
const CLAIM_EXPIRED_AND_UPDATE = `e as (
    select id, priority, run_at from job
    where status = 'running' and locked_until < now() and priority >= $4
      and not (coalesce(tenant_id::text, '-') = any($5::text[]) and kind = any($6::text[]))
    order by priority, run_at limit $3 for update skip locked)
  update job set status = 'running', attempts = attempts + 1, locked_by = $1,
    locked_until = now() + ($2 * interval '1 millisecond'), updated_at = now()
  where id in (select id from (select * from q union all select * from e) c order by priority, run_at limit $3)
  returning id, tenant_id, kind, payload, attempts,
    greatest(0, extract(epoch from now() - run_at) * 1000)::float8 as waited_ms`;

/**
 * Claims up to $3 jobs of priority ≥ $4 for worker $1 with a lease of $2 ms, leaving the MH-bound kinds ($6) of the
 * saturated tenants ($5) in the table. Due queued jobs and expired leases are looked for apart, each through its own
 * partial index in claim order (one query ORing both read and sorted every queued job: with a backlog, the whole
 * backlog at every claim), then the first $3 of both are claimed. (A row locked by one branch but left out of the
 * limit is only skipped by the other workers until this statement commits.)
 */
export const CLAIM = `with q as (
    select id, priority, run_at from job
    where status = 'queued' and run_at <= now() and priority >= $4
      and not (coalesce(tenant_id::text, '-') = any($5::text[]) and kind = any($6::text[]))
    order by priority, run_at limit $3 for update skip locked),
  ${CLAIM_EXPIRED_AND_UPDATE}`;

/**
 * CLAIM while some tenants are saturated ($5 not empty). In claim order, their queued MH-bound jobs may come before
 * everyone else's (a busy tenant's backlog is the oldest work), and walking one index in that order read them all at
 * every claim to reach the others. So the walk in claim order is bounded (4 × $3 jobs, read without locking them);
 * when it is cut short before finding $3 jobs it may claim, each (tenant, kind) with queued jobs is found through the
 * tenant index instead (one descent per pair, skipping from one to the next), the pairs of a saturated tenant's
 * MH-bound kinds are left out, and each other pair gives its first due jobs in claim order, up to $3 and no later than
 * the $3-th of the pairs' first jobs (none after it can be among the first $3; the jobs without a tenant are looked
 * for apart). Either way the first $3 candidates still queued are locked in claim order, skipping
 * those another worker holds, and claimed with the expired leases as in CLAIM. The cost grows with the number of
 * (tenant, kind) pairs queued (a few index descents each), and only when a saturated tenant's jobs fill the front of
 * the queue; never with a tenant's backlog.
 */
export const CLAIM_AROUND = `with recursive w as (
    select id, tenant_id, kind, priority, run_at from job
    where status = 'queued' and run_at <= now() and priority >= $4
    order by priority, run_at limit $3 * 4),
  ok as (
    select id from w where not (coalesce(tenant_id::text, '-') = any($5::text[]) and kind = any($6::text[]))),
  cut as (select count(*) >= $3 * 4 and (select count(*) from ok) < $3 as around from w),
  pairs as (
    (select tenant_id, kind from job where status = 'queued' and tenant_id is not null and (select around from cut)
     order by tenant_id, kind limit 1)
    union all
    select n.tenant_id, n.kind from pairs p cross join lateral (
      select tenant_id, kind from job
      where status = 'queued' and tenant_id is not null and (tenant_id, kind) > (p.tenant_id, p.kind)
      order by tenant_id, kind limit 1) n),
  -- (a pair's jobs read in the tenant index's order: its kind as a range, not an equality, so that the order asked
  -- for is the tenant index's alone and the planner does not walk every queued job in claim order looking for the
  -- pair's, as if they were spread evenly; and no row comparison over the tenant and kind, which before PostgreSQL
  -- 18 does not end the index scan when it fails on its second column: the scan would read the next pairs' jobs)
  heads as (
    select p.tenant_id, p.kind, h.priority, h.run_at from pairs p cross join lateral (
      select priority, run_at from job
      where status = 'queued' and tenant_id = p.tenant_id and kind >= p.kind and kind <= p.kind and priority >= $4
        and run_at <= now()
      order by tenant_id, kind, priority, run_at limit 1) h
    where not (p.tenant_id::text = any($5::text[]) and p.kind = any($6::text[]))),
  k as (
    select case when n >= $3 then priority else 32767 end as priority,
      case when n >= $3 then run_at else 'infinity' end as run_at
    from (
      select priority, run_at, count(*) over () as n
      from (select priority, run_at from heads order by priority, run_at limit $3) f
      order by priority desc, run_at desc limit 1) l),
  c as (
    select id from ok where not (select around from cut)
    union all
    select j.id from heads h cross join k cross join lateral (
      select id, priority, run_at from job
      where status = 'queued' and tenant_id = h.tenant_id and kind >= h.kind and kind <= h.kind
        and (priority, run_at) >= (h.priority, h.run_at) and run_at <= now()
      order by tenant_id, kind, priority, run_at limit $3) j
    where (j.priority, j.run_at) <= (k.priority, k.run_at)
    union all
    (select id from job
     where status = 'queued' and tenant_id is null and run_at <= now() and priority >= $4 and (select around from cut)
       and not ('-' = any($5::text[]) and kind = any($6::text[]))
     order by priority, run_at limit $3)),
  q as (
    select id, priority, run_at from job
    where id = any(array(select id from c)) and status = 'queued' and run_at <= now()
    order by priority, run_at limit $3 for update skip locked),
  ${CLAIM_EXPIRED_AND_UPDATE}`;

/** The claim statement: CLAIM_AROUND while some tenants' MH-bound jobs are left out, CLAIM otherwise. */
export const claimStatement = (saturated: readonly string[]): string => (saturated.length ? CLAIM_AROUND : CLAIM);
