import { hostname } from 'node:os';
import pg from 'pg';
import type { Logger } from '../core/logger.js';
import type { ChannelSubscription, Listener } from '../db/listener.js';
import { JOB_CHANNEL } from '../db/notifier.js';
import { prepared } from '../db/sql-params.js';
import { metrics } from '../core/metrics.js';
import type { AnyJobDefinition, ClaimedJob, JobOutcome, JobRuntime } from './job-definition.js';
import { Slots } from './slots.js';

export type { ClaimedJob, JobOutcome } from './job-definition.js';

export interface WorkerOptions {
  /** Every job kind this worker runs. */
  definitions: readonly AnyJobDefinition[];
  runtime: JobRuntime;
  concurrency: number;
  perTenantConcurrency: number;
  /**
   * MH-bound jobs of one tenant claimed beyond its slots (default: twice as many as its slots; in all, at most twice
   * `concurrency` of them): a kind that takes its MH slot per call (`mhSlotPerCall`) loads, signs and records them
   * as sent while the slots' documents are at MH, so each slot goes from one answer to the next request at once.
   * (Two documents ahead per slot: the next ones are still prepared in time when claiming, signing and recording
   * them as sent take longer than one MH answer, as on a busy machine.)
   */
  mhPrefetch?: number;
  leaseMs?: number;
  pollMs?: number;
  /** The process's LISTEN connection (wake-ups on JOB_CHANNEL); the pool is used for everything else. */
  listener: Listener;
  /** Plain connections for claiming and recording jobs (one statement each, no ORM). */
  pool: pg.Pool;
}

const SHARE_CLAIM_MS = 100;
/** MH-bound documents claimed ahead per MH slot, by default (see WorkerOptions.mhPrefetch). */
const MH_PREFETCH_PER_SLOT = 2;

/**
 * The end of both claim statements, after their CTE `q` of claimable queued jobs: the running jobs whose lease has
 * expired (`e`), then the first $3 of both in claim order marked running under this worker's lease.
 */
const CLAIM_EXPIRED_AND_UPDATE = `e as (
    select id, priority, run_at from job
    where status = 'running' and locked_until < now() and priority >= $4
      and not (coalesce(tenant_id::text, '-') = any($5::text[]) and kind = any($6::text[]))
    order by priority, run_at limit $3 for update skip locked)
  update job set status = 'running', attempts = attempts + 1, locked_by = $1,
    locked_until = now() + ($2 * interval '1 millisecond'), updated_at = now()
  where id in (select id from (select * from q union all select * from e) c order by priority, run_at limit $3)
  returning id, tenant_id, kind, payload, attempts`;

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

/**
 * Ends the jobs $1 done, each under its claim: held by worker $2 with the `attempts` at the same place in $3 (each
 * claim increments it, so an earlier claim of the same job by the same worker does not match).
 */
const MARK_DONE = `delete from job
  where id = any($1::bigint[]) and locked_by = $2 and status = 'running'
    and (id, attempts) in (select * from unnest($1::bigint[], $3::int[]))`;

/** The claim statement: CLAIM_AROUND while some tenants' MH-bound jobs are left out, CLAIM otherwise. */
export const claimStatement = (saturated: readonly string[]): string => (saturated.length ? CLAIM_AROUND : CLAIM);

/** Exponential backoff with full jitter, capped (transient failures). */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 5 * 60_000, random = Math.random): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1))) + 250;
}

/**
 * Claims jobs from PostgreSQL with FOR UPDATE SKIP LOCKED and a lease, runs them in slots (global and
 * per-tenant concurrency), renews leases while they run, and records each outcome fenced by its claim — `locked_by` and
 * `attempts`, which every claim increments — so a run whose lease was taken over cannot overwrite the new owner's
 * result, even when the new owner is this same worker (it claims expired leases, its own included). Several worker
 * processes may share one database.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private readonly queue: Slots;
  /** Requests at MH at once (`concurrency`): taken only by MH-bound work, so local jobs never hold one. */
  private readonly mhSlots: Slots;
  private readonly tenantQueues = new Map<string, Slots>();
  /**
   * The jobs this worker holds (claimed, waiting or running), each with its latest claim's `attempts` and the run of
   * that claim until it ended (a job claimed again waits for the run before it: see dispatch).
   */
  private readonly running = new Map<string, { attempts: number; settled: Promise<void> }>();
  /**
   * Local work (webhooks, e-mail, PDFs: jobs that do not call MH) always has a few slots of its own — an eighth of
   * the concurrency — claimed before anything else: a backlog of MH-bound jobs never starves the patient's e-mail,
   * and CPU-heavy local work never takes more than that share while MH work waits. Without an MH backlog, local
   * jobs are also claimed in priority order into the main queue, as before.
   */
  private readonly shareQueue: Slots;
  private lastShareClaim = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private wakeUps: ChannelSubscription | null = null;
  private polling = false;
  /** A wake-up (NOTIFY, finished job) arrived while polling: poll again right after. */
  private pollAgain = false;
  private readonly leaseMs: number;
  private readonly registry: Map<string, AnyJobDefinition>;
  /**
   * MH-bound jobs this worker holds per tenant, from their claim until MH answered them (recording the answer is not
   * counted): see `saturatedTenants`.
   */
  private readonly heldMh = new Map<string, number>();
  /** How many MH-bound jobs one tenant may hold: its slots and the prefetch beyond them. */
  private readonly mhHoldLimit: number;
  /** How many MH-bound jobs all tenants together may hold beyond their slots. */
  private readonly mhPrefetchLimit: number;
  /**
   * Jobs of the main queue this worker holds (claimed, waiting for a slot, running). Those beyond their tenant's
   * slots (prefetched) are not counted against the claims of the others: a prefetch never keeps another tenant's
   * document from being claimed.
   */
  private mainHeld = 0;
  /** Every held job, until its outcome is recorded (stop and idle wait for them). */
  private readonly inflight = new Set<Promise<void>>();
  /** The kinds that call MH (limited per tenant). */
  private readonly mhKinds: string[];
  /** Jobs finished as 'done' in this turn of the event loop, deleted together (markDone). */
  private doneBatch: { ids: string[]; attempts: number[]; settled: Promise<void> } | null = null;

  constructor(
    private readonly log: Logger,
    private readonly opts: WorkerOptions,
  ) {
    this.queue = new Slots(opts.concurrency);
    this.mhSlots = new Slots(opts.concurrency);
    this.shareQueue = new Slots(Math.max(1, Math.floor(opts.concurrency / 8)));
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.mhPrefetchLimit = opts.concurrency * MH_PREFETCH_PER_SLOT;
    this.mhHoldLimit =
      opts.perTenantConcurrency + Math.max(0, opts.mhPrefetch ?? opts.perTenantConcurrency * MH_PREFETCH_PER_SLOT);
    this.registry = new Map(opts.definitions.map((d) => [d.kind, d]));
    if (this.registry.size !== opts.definitions.length) throw new Error('two job definitions share one kind');
    this.mhKinds = opts.definitions.filter((d) => d.callsMh).map((d) => d.kind);
  }

  async start(): Promise<void> {
    // NOTIFY is only a wake-up: the hot path sends it after its commit (the database's Notifier), so a process that
    // dies in between loses it, and this poll (every second) finds the job anyway; it also finds the jobs whose
    // wake-up came while the LISTEN connection was down, and the worker polls at once when it is back.
    this.wakeUps = this.opts.listener.subscribe(JOB_CHANNEL, {
      notify: () => void this.poll(),
      up: () => void this.poll(),
      down: () => this.log.warn('job wake-ups lost with the LISTEN connection; polling continues'),
    });
    await this.wakeUps.ready.catch((err: unknown) => {
      this.wakeUps?.close();
      throw err;
    });
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs ?? 1000);
    this.heartbeat = setInterval(() => void this.renewLeases(), Math.max(100, Math.floor(this.leaseMs / 3)));
    void this.poll();
  }

  /**
   * Stops claiming, lets the jobs it holds finish, the prefetched ones included (a bounded few per tenant; their
   * leases would expire anyway if the process died, and another worker would take them over).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.wakeUps?.close();
  }

  /** Resolves when no job is held (queued, waiting or running) in this process (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight]);
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    this.pollAgain = false;
    try {
      for (;;) {
        if (this.stopped) break;
        // Local work's own share first (it runs in its own small queue), then everything in priority order.
        // (looked for at most every SHARE_CLAIM_MS: not one more query per finished job)
        const shareFree = this.shareQueue.concurrency - this.shareQueue.size - this.shareQueue.pending;
        const due = performance.now() - this.lastShareClaim >= SHARE_CLAIM_MS;
        if (shareFree > 0 && due) this.lastShareClaim = performance.now();
        const shared = shareFree > 0 && due ? await this.claim(shareFree, 1) : [];
        for (const job of shared) this.dispatch(job, this.shareQueue);
        const free = this.opts.concurrency * 2 - (this.mainHeld - this.prefetched());
        const jobs = free > 0 ? await this.claim(Math.min(free, 50), 0) : [];
        for (const job of jobs) this.dispatch(job, this.queue);
        if (jobs.length < Math.min(free, 50) || free <= 0) break;
      }
    } catch (err) {
      this.log.error({ err }, 'claiming jobs failed');
    } finally {
      this.polling = false;
    }
    if (this.pollAgain) void this.poll();
  }

  /**
   * Tenants whose MH-bound jobs already fill their per-tenant slots and the prefetch beyond them in this worker.
   * Their further MH-bound jobs are left in the table for now, so a busy tenant's backlog never sits in front of
   * another tenant's documents: the next claim reaches past it to the oldest job of anyone else. (A prefetched job
   * waits for its tenant's slot without holding one of the worker's: it never delays another tenant's.)
   */
  private saturatedTenants(): string[] {
    // (the prefetch of all tenants together is bounded too: see mhPrefetchLimit)
    const limit = this.prefetched() >= this.mhPrefetchLimit ? this.opts.perTenantConcurrency : this.mhHoldLimit;
    const out: string[] = [];
    for (const [tenant, n] of this.heldMh) if (n >= limit) out.push(tenant);
    return out;
  }

  /** MH-bound jobs held beyond their tenant's slots. */
  private prefetched(): number {
    let n = 0;
    for (const held of this.heldMh.values()) n += Math.max(0, held - this.opts.perTenantConcurrency);
    return n;
  }

  private async claim(limit: number, minPriority: number): Promise<ClaimedJob[]> {
    if (limit <= 0) return [];
    const saturated = this.saturatedTenants();
    const { rows } = await this.opts.pool.query<{
      id: string;
      tenant_id: string | null;
      kind: string;
      payload: Record<string, unknown>;
      attempts: number;
    }>(prepared(claimStatement(saturated), [this.id, this.leaseMs, limit, minPriority, saturated, this.mhKinds]));
    return rows.map((r) => ({
      id: String(r.id),
      tenantId: r.tenant_id,
      kind: r.kind,
      payload: r.payload,
      attempts: r.attempts,
      lockedBy: this.id,
    }));
  }

  private dispatch(job: ClaimedJob, queue: Slots): void {
    // A job may come back while its earlier run in this process still goes on: that run's lease ran out (the event
    // loop or the database stalled longer than the lease) and this worker claimed it again. The earlier run's
    // outcome is then fenced off (it names an older claim), and the new claim's run starts once it ended, before
    // taking any slot: never two runs of one job at once in one process, and the job is run again from the state
    // the earlier run left (as when another worker takes a job over). Meanwhile the lease renewed is the new claim's.
    const earlier = this.running.get(job.id)?.settled;
    const def = this.registry.get(job.kind);
    const priority = -(def?.priority ?? 0);
    const main = queue === this.queue;
    if (main) this.mainHeld++;
    let start: () => Promise<void>;
    let releaseMh = (): boolean => false;
    if (def?.callsMh) {
      // Only MH-bound work is limited per tenant (fairness toward MH); local work (PDF, e-mail) has the job slots.
      // The tenant's slot is taken first, then one of the worker's MH slots: a job waiting for its tenant's slot
      // (claimed ahead) never holds one that another tenant's document could use.
      releaseMh = this.holdMh(job.tenantId ?? '-');
      const tenantQueue = this.tenantQueue(job.tenantId);
      const inSlot = <T>(fn: () => Promise<T>) =>
        tenantQueue.add(() => this.mhSlots.add(fn, { priority }), { priority });
      if (def.mhSlotPerCall) {
        // The handler runs at once and holds the slots only around its requests to MH (its lease is renewed all
        // along: it is in `running`). Once MH has answered, what is left (recording the answer) no longer counts
        // against its tenant's MH-bound jobs: the next document is claimed and prepared meanwhile.
        job.atMh = (call) =>
          inSlot(call).finally(() => {
            if (releaseMh()) void this.poll();
          });
        start = () => this.run(job);
      } else start = () => inSlot(() => this.run(job));
    } else start = () => queue.add(() => this.run(job), { priority });
    const held = earlier ? earlier.then(start, start) : start();
    // A finished job frees a slot: look for more work at once instead of waiting for the next tick or NOTIFY.
    const settled = held.finally(() => {
      if (this.running.get(job.id)?.settled === settled) this.running.delete(job.id);
      this.inflight.delete(settled);
      if (main) this.mainHeld--;
      releaseMh();
      // (also after a transmission that already looked at its answer: its tenant is then likely saturated again, and
      // this look reaches past its backlog to another tenant's documents)
      void this.poll();
    });
    this.running.set(job.id, { attempts: job.attempts, settled });
    this.inflight.add(settled);
  }

  /**
   * Counts one MH-bound job of the tenant as held (see saturatedTenants); the function returned ends that, once
   * (true when this call ended it).
   */
  private holdMh(tenantKey: string): () => boolean {
    this.heldMh.set(tenantKey, (this.heldMh.get(tenantKey) ?? 0) + 1);
    let holding = true;
    return () => {
      if (!holding) return false;
      holding = false;
      const left = (this.heldMh.get(tenantKey) ?? 1) - 1;
      if (left > 0) this.heldMh.set(tenantKey, left);
      else this.heldMh.delete(tenantKey);
      return true;
    };
  }

  private tenantQueue(tenantId: string | null): Slots {
    const key = tenantId ?? '-';
    let q = this.tenantQueues.get(key);
    if (!q) this.tenantQueues.set(key, (q = new Slots(this.opts.perTenantConcurrency)));
    return q;
  }

  private async run(job: ClaimedJob): Promise<void> {
    const def = this.registry.get(job.kind);
    let outcome: JobOutcome;
    try {
      outcome = def
        ? await def.run(this.opts.runtime, job)
        : { kind: 'failed', error: `no handler for job kind ${job.kind}` };
    } catch (err) {
      // A thrown error is infrastructure (database, bug): retry with backoff; the handler is idempotent.
      outcome = {
        kind: 'retry',
        delayMs: backoffMs(job.attempts),
        error: err instanceof Error ? err.message : String(err),
      };
      this.log.error({ err, jobId: job.id, kind: job.kind }, 'job threw');
    }
    metrics.jobOutcomes.inc({ kind: job.kind, outcome: outcome.kind });
    await this.finish(job, outcome).catch((err) =>
      this.log.error(
        { err, jobId: job.id },
        'recording a job outcome failed (the lease will expire and it will rerun)',
      ),
    );
  }

  private async finish(job: ClaimedJob, o: JobOutcome): Promise<void> {
    const pool = this.opts.pool;
    if (o.kind === 'done') {
      if (!o.recorded) await this.markDone(job);
    } else if (o.kind === 'retry') {
      await pool.query(
        `update job set status = 'queued', run_at = now() + ($1 * interval '1 millisecond'), last_error = $2,
          locked_by = null, locked_until = null, updated_at = now()
         where id = $3 and locked_by = $4 and attempts = $5 and status = 'running'`,
        [o.delayMs, o.error.slice(0, 2000), job.id, this.id, job.attempts],
      );
    } else {
      this.log.warn({ jobId: job.id, kind: job.kind, error: o.error }, 'job failed for good');
      await pool.query(
        `update job set status = 'failed', last_error = $1, locked_until = null, updated_at = now()
         where id = $2 and locked_by = $3 and attempts = $4 and status = 'running'`,
        [o.error.slice(0, 2000), job.id, this.id, job.attempts],
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
          this.opts.pool.query(prepared(MARK_DONE, [ids, this.id, attempts])).then(() => resolve(), reject);
        });
      });
      this.doneBatch = { ids, attempts, settled };
    }
    this.doneBatch.ids.push(job.id);
    this.doneBatch.attempts.push(job.attempts);
    return this.doneBatch.settled;
  }

  /** Renews the leases of the claims this worker holds (not those of earlier claims of the same jobs). */
  private async renewLeases(): Promise<void> {
    if (!this.running.size) return;
    await this.opts.pool
      .query(
        `update job set locked_until = now() + ($1 * interval '1 millisecond')
         where id = any($3::bigint[]) and locked_by = $2 and status = 'running'
           and (id, attempts) in (select * from unnest($3::bigint[], $4::int[]))`,
        [this.leaseMs, this.id, [...this.running.keys()], [...this.running.values()].map((c) => c.attempts)],
      )
      .catch((err) => this.log.warn({ err: (err as Error).message }, 'lease renewal failed'));
  }
}
