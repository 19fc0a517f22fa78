/**
 * The weight of a worker process on a busy CPU, lowered while it keeps pace.
 *
 * A worker process with the same weight as the API's takes as large a share of a busy CPU as the API while emissions
 * wait, and an emission's latency (and the rate of clients that wait for each answer) pays for it. A worker process
 * therefore lowers its weight (a nice value) while the jobs it claims had waited little: the requests go first and the
 * worker uses what they leave. As soon as a job it claims had waited longer than `BEHIND_MS`, the weight goes back to
 * normal, so under a load that would leave it too little it keeps pace as before; it is lowered again once its claims
 * have been prompt for `PROMPT_FOR_MS`.
 *
 * Which weight counts depends on where the process runs, so it lowers both that are its own:
 * - Linux schedules each session as one group (autogroup, on by default) and gives every busy group an equal share,
 *   whatever its threads' own nice values; PostgreSQL puts each backend in a session of its own. A worker that leads
 *   its own session (as `npm start` runs it) lowers its group's nice value. Nothing is changed where it could reach
 *   another process: a process that does not lead its session (a worker started from a shell shares the shell's
 *   group) or a system without autogroup.
 * - Inside a container, or a cgroup with the CPU controller of its own, the scheduler weighs that cgroup's threads one
 *   by one and the group's nice changes nothing; with autogroup off the same holds for the whole system. There each
 *   thread's own nice counts, so the worker also sets its threads' nice value, but only where it may set them back:
 *   an unprivileged process may raise its nice value but not lower it again, unless it holds CAP_SYS_NICE or its
 *   RLIMIT_NICE allows it (`ulimits: nice: 20` in a container). A worker that could not take its share back would
 *   fall behind under a long burst. Inside its own autogroup, where all its threads share its group's weight, the
 *   threads' nice changes nothing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Logger } from '../core/logger.js';
import { JOB_PRIORITY } from './job-definition.js';

/** A claimed job that had waited longer than this since it was due: the worker is behind, its weight is restored. */
export const BEHIND_MS = 1000;
/** Claims whose jobs waited at most this long count as prompt. */
export const PROMPT_MS = 500;
/** Prompt claims for this long (and none behind) before the weight is lowered again. */
export const PROMPT_FOR_MS = 1000;

/** How much longer than MH's work an e-mail or a PDF may wait before the worker counts as behind. */
const LOCAL_WAIT_SCALE = 10;

/**
 * Of the jobs one claim took, the longest wait since due of those someone waits for, in ms (-1: none): MH's work and
 * webhooks as they waited, e-mails and PDFs (claimed after them by design) as a tenth of it; maintenance and reports,
 * scheduled for a time rather than awaited, are left out, and so are kinds the worker does not know.
 */
export function awaitedWait(
  rows: readonly { kind: string; waited_ms: number }[],
  priorityOf: (kind: string) => number | undefined,
): number {
  let waited = -1;
  for (const r of rows) {
    const p = priorityOf(r.kind) ?? JOB_PRIORITY.maintenance;
    if (p >= JOB_PRIORITY.maintenance) continue;
    const w = p >= JOB_PRIORITY.render ? r.waited_ms / LOCAL_WAIT_SCALE : r.waited_ms;
    if (w > waited) waited = w;
  }
  return waited;
}

/** Sets the group's nice value; false when it could not (the kernel may refuse changes closer than 100 ms apart). */
export type NiceSetter = (nice: number) => boolean;

export class BackgroundPriority {
  /** Whether the lowered weight is in effect. */
  private lowered = false;
  /** Since when every claim was prompt (null: the last one was not). */
  private promptSince: number | null = null;
  /** Times the weight was lowered and restored. */
  changes = 0;

  constructor(
    private readonly setNice: NiceSetter,
    /** The nice value while the worker keeps pace (1–19; the higher, the smaller its share of a busy CPU). */
    readonly nice: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    // A worker starts lowered: if it starts behind, its first claim restores its weight.
    this.lower();
  }

  get isLowered(): boolean {
    return this.lowered;
  }

  /** After a claim that took jobs: the longest any of them had waited since it was due, in ms. */
  observe(waitedMs: number): void {
    if (waitedMs > BEHIND_MS) {
      this.promptSince = null;
      if (this.lowered && this.setNice(0)) {
        this.lowered = false;
        this.changes += 1;
      }
      return;
    }
    if (this.lowered) return;
    if (waitedMs > PROMPT_MS) {
      this.promptSince = null;
      return;
    }
    const t = this.now();
    this.promptSince ??= t;
    if (t - this.promptSince >= PROMPT_FOR_MS) this.lower();
  }

  private lower(): void {
    if (!this.setNice(this.nice)) return;
    this.lowered = true;
    this.promptSince = null;
    this.changes += 1;
  }
}

/**
 * The setter of this process's autogroup nice value, or null when changing it could reach another process or
 * would do nothing: not Linux, autogroup off or absent, or this process not the leader of its own session.
 */
export function ownAutogroup(procRoot = '/proc'): NiceSetter | null {
  if (process.platform !== 'linux') return null;
  try {
    if (readFileSync(`${procRoot}/sys/kernel/sched_autogroup_enabled`, 'utf8').trim() !== '1') return null;
    // /proc/self/stat: "pid (comm) state ppid pgrp session …" (comm may hold spaces and parentheses)
    const stat = readFileSync(`${procRoot}/self/stat`, 'utf8');
    const session = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]);
    if (session !== process.pid) return null;
    if (!/^\/autogroup-\d+ nice -?\d+/.test(readFileSync(`${procRoot}/self/autogroup`, 'utf8'))) return null;
  } catch {
    return null;
  }
  return (nice) => {
    try {
      writeFileSync(`${procRoot}/self/autogroup`, String(nice));
      return true;
    } catch {
      return false;
    }
  };
}

/** CAP_SYS_NICE's bit in a capability set of /proc/<pid>/status. */
const CAP_SYS_NICE = 23n;

/**
 * Whether this process holds CAP_SYS_NICE (its effective set in /proc/self/status): it, and the processes it starts,
 * may lower a nice value they raised. False where /proc cannot tell.
 */
export function holdsCapSysNice(procRoot = '/proc'): boolean {
  try {
    const capEff = /^CapEff:\s*([0-9a-f]+)/m.exec(readFileSync(`${procRoot}/self/status`, 'utf8'))?.[1];
    return !!capEff && ((BigInt(`0x${capEff}`) >> CAP_SYS_NICE) & 1n) === 1n;
  } catch {
    return false;
  }
}

/** Whether this process may set its threads' nice value back to `base` after raising it (see the module's note). */
function mayLowerNiceTo(base: number, procRoot: string): boolean {
  if (holdsCapSysNice(procRoot)) return true;
  // /proc/self/limits: "Max nice priority   <soft>   <hard>": a nice value n may be set while 20 − n ≤ soft
  const soft = /^Max nice priority\s+(\S+)/m.exec(readFileSync(`${procRoot}/self/limits`, 'utf8'))?.[1];
  return soft === 'unlimited' || Number(soft) >= 20 - base;
}

/**
 * The setter of every thread's nice value in this process (`nice`, or back to the value the process started with for
 * 0), or null where it could not be set back (see the module's note), or where the threads already are at `nice`.
 */
export function ownThreads(
  nice: number,
  procRoot = '/proc',
  priority: { get(): number; set(tid: number, nice: number): void } = {
    get: () => os.getPriority(),
    set: (tid, n) => os.setPriority(tid, n),
  },
): NiceSetter | null {
  if (process.platform !== 'linux') return null;
  let base: number;
  try {
    base = priority.get();
    if (base >= nice || !mayLowerNiceTo(base, procRoot)) return null;
  } catch {
    return null;
  }
  return (n) => {
    const value = Math.max(base, n);
    let done = true;
    // A thread inherits its creator's value when it starts: one started meanwhile by a thread not yet set is set by the
    // next pass, until a pass finds none.
    const seen = new Set<string>();
    for (let pass = 0; pass < 10; pass++) {
      const started = readdirSync(`${procRoot}/self/task`).filter((tid) => !seen.has(tid));
      if (!started.length) break;
      for (const tid of started) {
        seen.add(tid);
        try {
          priority.set(Number(tid), value);
        } catch {
          if (existsSync(`${procRoot}/self/task/${tid}`)) done = false; // (a thread that ended meanwhile is no failure)
        }
      }
    }
    return done;
  };
}

/** The worker process's priority control, or null where it does not apply (`nice` 0 turns it off). */
export function backgroundPriority(nice: number, log: Logger): BackgroundPriority | null {
  if (nice <= 0) return null;
  const setters = [ownAutogroup(), ownThreads(nice)].filter((s): s is NiceSetter => s !== null);
  if (!setters.length) {
    log.debug(
      'the worker keeps its CPU weight: it leads no session of its own with autogroup on, ' +
        'and could not set its threads back once lowered',
    );
    return null;
  }
  return new BackgroundPriority((n) => {
    // (every setter tried: one refused is tried again, with the others, at the next claim)
    const done = setters.map((set) => set(n)).every(Boolean);
    if (done)
      log.debug({ nice: n }, n ? 'worker keeping pace: CPU weight lowered' : 'worker behind: CPU weight restored');
    return done;
  }, nice);
}
