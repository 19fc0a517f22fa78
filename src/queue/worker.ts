import { hostname } from 'node:os';
import pg from 'pg';
import type { Logger } from '../core/logger.js';
import type { ChannelSubscription, Listener } from '../db/listener.js';
import { JOB_CHANNEL } from '../db/notifier.js';
import { prepared } from '../db/sql-params.js';
import { metrics } from '../core/metrics.js';
import { awaitedWait, type BackgroundPriority } from './background-priority.js';
import { claimStatement } from './claim-sql.js';
import type { AnyJobDefinition, ClaimedJob, JobOutcome, JobRuntime } from './job-definition.js';
import { type HeldClaim, renewLeases } from './lease-renewal.js';
import { MhHolds } from './mh-holds.js';
import { JobOutcomes } from './outcomes.js';
import { Slots } from './slots.js';

export type { ClaimedJob, JobOutcome } from './job-definition.js';
export { CLAIM, CLAIM_AROUND, claimStatement } from './claim-sql.js';

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
  /** This process's weight on a busy CPU, told how long each claim's jobs had waited (worker processes only). */
  priority?: Pick<BackgroundPriority, 'observe'> | null;
}

const SHARE_CLAIM_MS = 100;

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
  private readonly running = new Map<string, HeldClaim>();
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
  /** MH-bound jobs held per tenant, and the tenants they saturate. */
  private readonly mh: MhHolds;
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
  /** Records each outcome, fenced by its claim. */
  private readonly outcomes: JobOutcomes;

  constructor(
    private readonly log: Logger,
    private readonly opts: WorkerOptions,
  ) {
    this.queue = new Slots(opts.concurrency);
    this.mhSlots = new Slots(opts.concurrency);
    this.shareQueue = new Slots(Math.max(1, Math.floor(opts.concurrency / 8)));
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.mh = new MhHolds(opts.concurrency, opts.perTenantConcurrency, opts.mhPrefetch);
    this.registry = new Map(opts.definitions.map((d) => [d.kind, d]));
    if (this.registry.size !== opts.definitions.length) throw new Error('two job definitions share one kind');
    this.mhKinds = opts.definitions.filter((d) => d.callsMh).map((d) => d.kind);
    this.outcomes = new JobOutcomes(log, opts.pool, this.id);
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
    this.heartbeat = setInterval(
      () => void renewLeases(this.log, this.opts.pool, this.id, this.leaseMs, this.running),
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
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
        const free = this.opts.concurrency * 2 - (this.mainHeld - this.mh.prefetched());
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

  private async claim(limit: number, minPriority: number): Promise<ClaimedJob[]> {
    if (limit <= 0) return [];
    const saturated = this.mh.saturatedTenants();
    const { rows } = await this.opts.pool.query<{
      id: string;
      tenant_id: string | null;
      kind: string;
      payload: Record<string, unknown>;
      attempts: number;
      waited_ms: number;
    }>(prepared(claimStatement(saturated), [this.id, this.leaseMs, limit, minPriority, saturated, this.mhKinds]));
    const priority = this.opts.priority;
    const waited = priority ? awaitedWait(rows, (kind) => this.registry.get(kind)?.priority) : -1;
    if (priority && waited >= 0) priority.observe(waited);
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
      releaseMh = this.mh.holdMh(job.tenantId ?? '-');
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
    await this.outcomes
      .finish(job, outcome)
      .catch((err) =>
        this.log.error(
          { err, jobId: job.id },
          'recording a job outcome failed (the lease will expire and it will rerun)',
        ),
      );
  }
}
