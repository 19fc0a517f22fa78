import type { App } from '../app.js';
import type { Mailer } from '../modules/email/mailer.js';

/** `recorded`: the handler already ended the job in its own last statement (jobDoneCte); the worker does not. */
export type JobOutcome =
  | { kind: 'done'; recorded?: boolean }
  | { kind: 'retry'; delayMs: number; error: string }
  | { kind: 'failed'; error: string };

/** A job as its handler sees it: the payload typed by its definition (ids only; handlers reload state). */
export interface ClaimedJob<P = unknown> {
  id: string;
  kind: string;
  tenantId: string | null;
  payload: P;
  /**
   * How many times the job was claimed, this claim included. Each claim increments it: with `lockedBy` it names this
   * claim, and every outcome recorded is fenced by both (a later claim of the job, by any worker, voids this one's).
   */
  attempts: number;
  /** The worker holding the job's lease (every outcome it records is fenced by it and `attempts`). */
  lockedBy?: string;
  /**
   * For a kind that takes its MH slot itself (`mhSlotPerCall`): runs `call` (one request to MH) in one of the
   * tenant's MH slots and one of the worker's, waiting for one if none is free. Absent when the job is run outside
   * a worker (tests): the call then runs at once.
   */
  atMh?: <T>(call: () => Promise<T>) => Promise<T>;
}

/** What every handler receives besides its job: the application and the worker process's own collaborators. */
export interface JobRuntime {
  app: App;
  mailer: Mailer;
}

/**
 * One kind of job, defined once in its `*.job.ts`: the kind stored in the queue, its claim priority, whether it
 * talks to MH, how duplicates are recognised, and its handler. `enqueue` takes the definition, so a payload cannot
 * be queued under the wrong kind; the worker's registry is the list of definitions (src/start-worker.ts).
 */
export interface JobDefinition<P> {
  readonly kind: string;
  /** Claim order, lower first (see JOB_PRIORITY). */
  readonly priority: number;
  /** Calls MH: the per-tenant concurrency limit toward MH (fairness between tenants) applies. */
  readonly callsMh: boolean;
  /**
   * The handler holds a slot (the tenant's and the worker's) only around each request to MH, through `job.atMh`,
   * instead of for its whole run: what it does before (load, sign, record as sent) and after (record the answer)
   * overlaps with the other documents at MH. Without it the whole run holds the slot.
   */
  readonly mhSlotPerCall?: boolean;
  /** At most one live (queued/running) job per key; a second enqueue with the same key is a no-op. */
  dedupeKey(payload: P): string | null;
  run(rt: JobRuntime, job: ClaimedJob<P>): Promise<JobOutcome>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any>;

/**
 * Claim priorities. Talking to MH comes first: documents have legal deadlines and a client waiting for its sello;
 * then telling SIGMA (webhooks); then e-mail and rendering, which only cost local CPU (they still get a fair share of
 * every claim, see the worker); then maintenance.
 */
export const JOB_PRIORITY = { mh: 0, webhook: 2, render: 4, email: 5, maintenance: 6, report: 7 } as const;

export const defineJob = <P>(def: JobDefinition<P>): JobDefinition<P> => def;
