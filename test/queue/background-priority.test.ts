import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import type { Mailer } from '../../src/modules/email/mailer.js';
import {
  BackgroundPriority,
  BEHIND_MS,
  holdsCapSysNice,
  ownAutogroup,
  ownThreads,
  PROMPT_FOR_MS,
  PROMPT_MS,
} from '../../src/queue/background-priority.js';
import { defineJob, JOB_PRIORITY } from '../../src/queue/job-definition.js';
import { Worker } from '../../src/queue/worker.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { repoRoot } from '../helpers/spawn.js';

/** A priority on a fake clock whose nice values are recorded (a setter that can be made to refuse). */
function recorded() {
  const set: number[] = [];
  let refuse = false;
  let t = 0;
  const p = new BackgroundPriority(
    (n) => {
      if (refuse) return false;
      set.push(n);
      return true;
    },
    10,
    () => t,
  );
  return {
    p,
    set,
    refuse: (r: boolean) => (refuse = r),
    at: (ms: number) => (t = ms),
  };
}

describe('the worker process gives way on a busy CPU while it keeps pace', () => {
  it('starts lowered, and stays so while its claims are prompt or only somewhat late', () => {
    const r = recorded();
    expect(r.set).toEqual([10]);
    for (const w of [0, 40, PROMPT_MS, BEHIND_MS]) r.p.observe(w);
    expect(r.set).toEqual([10]);
    expect(r.p.isLowered).toBe(true);
  });

  it('restores its weight once a claimed job waited too long, and lowers it again only after prompt claims', () => {
    const r = recorded();
    r.at(1000);
    r.p.observe(BEHIND_MS + 1);
    expect(r.set).toEqual([10, 0]);
    expect(r.p.isLowered).toBe(false);
    // prompt claims, but not yet for long enough; a late one (not behind) starts the wait over
    r.p.observe(10);
    r.at(1000 + PROMPT_FOR_MS - 1);
    r.p.observe(10);
    r.p.observe(PROMPT_MS + 1);
    r.at(1000 + PROMPT_FOR_MS + 10);
    r.p.observe(10);
    expect(r.set).toEqual([10, 0]);
    r.at(1000 + 2 * PROMPT_FOR_MS + 10);
    r.p.observe(10);
    expect(r.set).toEqual([10, 0, 10]);
    expect(r.p.changes).toBe(3);
  });

  it('tries again at its next claim when the kernel refuses a change', () => {
    const r = recorded();
    r.refuse(true);
    r.p.observe(BEHIND_MS * 5);
    expect(r.p.isLowered).toBe(true);
    r.refuse(false);
    r.p.observe(BEHIND_MS * 5);
    expect(r.set).toEqual([10, 0]);
    expect(r.p.isLowered).toBe(false);
  });
});

describe('the autogroup it changes is its own', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fx-proc-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  /** A /proc of its own: autogroup on or off, this process in session `session`, its command `comm`. */
  const proc = (enabled: string, session: number, comm = 'node') => {
    const dir = mkdtempSync(path.join(root, 'p-'));
    mkdirSync(path.join(dir, 'sys/kernel'), { recursive: true });
    mkdirSync(path.join(dir, 'self'));
    writeFileSync(path.join(dir, 'sys/kernel/sched_autogroup_enabled'), `${enabled}\n`);
    writeFileSync(
      path.join(dir, 'self/stat'),
      `${process.pid} (${comm}) S 1 ${session} ${session} 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 1 0 0\n`,
    );
    writeFileSync(path.join(dir, 'self/autogroup'), '/autogroup-42 nice 0\n');
    return dir;
  };

  it.runIf(process.platform === 'linux')('only when it leads its session and autogroup is on', () => {
    expect(ownAutogroup(proc('1', process.pid + 1))).toBeNull(); // another session: the shell's, say
    expect(ownAutogroup(proc('0', process.pid))).toBeNull();
    const dir = proc('1', process.pid, 'node (x) y');
    const set = ownAutogroup(dir)!;
    expect(set).not.toBeNull();
    expect(set(7)).toBe(true);
    expect(readFileSync(path.join(dir, 'self/autogroup'), 'utf8')).toBe('7');
  });

  const autogroupOn = (() => {
    try {
      return readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1';
    } catch {
      return false;
    }
  })();

  /** Runs a script in a new process, in a session of its own or in this one; what it printed. */
  const run = (detached: boolean): Promise<string> =>
    new Promise((resolve, reject) => {
      const script = `
        import { readFileSync } from 'node:fs';
        import { ownAutogroup } from './src/queue/background-priority.ts';
        const set = ownAutogroup();
        const before = readFileSync('/proc/self/autogroup', 'utf8').trim();
        const done = set ? set(7) : null;
        const after = readFileSync('/proc/self/autogroup', 'utf8').trim();
        console.log(JSON.stringify({ own: !!set, done, before, after }));`;
      const child = spawn(
        process.execPath,
        ['--import', '@swc-node/register/esm-register', '--input-type=module', '-e', script],
        { cwd: repoRoot, detached, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });

  it.runIf(autogroupOn)(
    'on this machine: a process of its own session lowers its group; one in ours does not',
    async () => {
      const own = JSON.parse(await run(true));
      expect(own).toMatchObject({ own: true, done: true });
      expect(own.before).toMatch(/ nice 0$/);
      expect(own.after).toMatch(/ nice 7$/);
      const ours = JSON.parse(await run(false));
      expect(ours.own).toBe(false);
      expect(readFileSync('/proc/self/autogroup', 'utf8')).not.toMatch(/ nice 7$/);
    },
    60_000,
  );
});

describe('its threads, where it may set them back', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fx-proc-threads-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  /** A /proc of its own: the effective capabilities, RLIMIT_NICE's soft value, and these threads. */
  const proc = (capEff: string, niceLimit: string, tids: number[]) => {
    const dir = mkdtempSync(path.join(root, 'p-'));
    for (const tid of tids) mkdirSync(path.join(dir, 'self/task', String(tid)), { recursive: true });
    writeFileSync(path.join(dir, 'self/status'), `Name:\tnode\nCapInh:\t0000000000000000\nCapEff:\t${capEff}\n`);
    writeFileSync(
      path.join(dir, 'self/limits'),
      'Limit                     Soft Limit           Hard Limit           Units     \n' +
        `Max nice priority         ${niceLimit}                    ${niceLimit}                    \n`,
    );
    return dir;
  };
  /** Priorities recorded by thread; `refuse` holds the threads whose change fails; `first` runs before the first. */
  const recorder = (base: number) => {
    const set = new Map<number, number>();
    const refuse = new Set<number>();
    const r = {
      set,
      refuse,
      first: null as (() => void) | null,
      priority: {
        get: () => base,
        set: (tid: number, n: number) => {
          const first = r.first;
          r.first = null;
          first?.();
          if (refuse.has(tid)) throw new Error('EACCES');
          set.set(tid, n);
        },
      },
    };
    return r;
  };
  const NONE = '0000000000000000';
  const SYS_NICE = (1n << 23n).toString(16).padStart(16, '0');

  it.runIf(process.platform === 'linux')('only where it may set them back, and never below where they started', () => {
    // unprivileged, RLIMIT_NICE 0: it could raise its nice value but never lower it again
    expect(ownThreads(10, proc(NONE, '0', [1, 2]), recorder(0).priority)).toBeNull();
    // RLIMIT_NICE 20 lets it back to 0; from a start at 5, 15 is enough
    for (const [base, limit] of [
      [0, '20'],
      [5, '15'],
      [0, 'unlimited'],
    ] as const) {
      const r = recorder(base);
      const set = ownThreads(10, proc(NONE, limit, [7, 8, 9]), r.priority)!;
      expect(set).not.toBeNull();
      expect(set(10)).toBe(true);
      expect([...r.set.values()]).toEqual([10, 10, 10]);
      expect(set(0)).toBe(true);
      expect([...r.set.values()]).toEqual([base, base, base]);
    }
    expect(ownThreads(10, proc(NONE, '14', [1]), recorder(5).priority)).toBeNull();
    // CAP_SYS_NICE, whatever the limit
    expect(ownThreads(10, proc(SYS_NICE, '0', [1]), recorder(0).priority)).not.toBeNull();
    // already at that nice value or above: nothing to lower
    expect(ownThreads(10, proc(SYS_NICE, '0', [1]), recorder(10).priority)).toBeNull();
  });

  it.runIf(process.platform === 'linux')(
    'a thread that ended meanwhile is no failure, one started meanwhile is set too; one refused is a failure',
    () => {
      const dir = proc(SYS_NICE, '0', [1, 2, 3]);
      const r = recorder(0);
      const set = ownThreads(10, dir, r.priority)!;
      // while the list read is being set, thread 2 ends (its change fails, it is gone) and thread 4 starts
      r.first = () => {
        r.refuse.add(2);
        rmSync(path.join(dir, 'self/task/2'), { recursive: true });
        mkdirSync(path.join(dir, 'self/task/4'));
      };
      expect(set(10)).toBe(true);
      expect(Object.fromEntries(r.set)).toEqual({ 1: 10, 3: 10, 4: 10 });
      r.refuse.add(3);
      expect(set(0)).toBe(false);
      expect(Object.fromEntries(r.set)).toEqual({ 1: 0, 3: 10, 4: 0 });
    },
  );

  /** Runs a script that lowers and restores its threads with ownThreads, under `prefix` (a command), printing them. */
  const run = (prefix: string[]): Promise<{ own: boolean; start: number[]; lowered: number[]; back: number[] }> =>
    new Promise((resolve, reject) => {
      const script = `
        import { readdirSync, readFileSync } from 'node:fs';
        import { Worker } from 'node:worker_threads';
        import { ownThreads } from './src/queue/background-priority.ts';
        const nices = () => readdirSync('/proc/self/task').map((t) =>
          Number(readFileSync('/proc/self/task/' + t + '/stat', 'utf8').split(') ')[1].split(' ')[16]));
        const w = new Worker('setInterval(() => {}, 1000)', { eval: true }); // a thread of its own, as the PDF's
        await new Promise((r) => w.once('online', r));
        const start = nices();
        const set = ownThreads(10);
        const lowered = set && set(10) ? nices() : [];
        const back = set && set(0) ? nices() : [];
        await w.terminate();
        console.log(JSON.stringify({ own: !!set, start, lowered, back }));`;
      const child = spawn(
        prefix[0] ?? process.execPath,
        [
          ...(prefix.length ? [...prefix.slice(1), process.execPath] : []),
          '--import',
          '@swc-node/register/esm-register',
          '--input-type=module',
          '-e',
          script,
        ],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', () => resolve(JSON.parse(out)));
    });

  // (the children start at this process's nice value: below 7, so that one started 3 higher still has room)
  const base = os.getPriority();
  it.runIf(holdsCapSysNice() && base < 7)(
    'on this machine: every thread lowered and set back to where the process started',
    async () => {
      const plain = await run([]);
      expect(plain.own).toBe(true);
      expect(plain.start.length).toBeGreaterThan(2);
      expect(new Set(plain.start)).toEqual(new Set([base]));
      expect(new Set(plain.lowered)).toEqual(new Set([10]));
      expect(plain.lowered.length).toBeGreaterThanOrEqual(plain.start.length);
      expect(new Set(plain.back)).toEqual(new Set([base]));
      const niced = await run(['nice', '-n', '3']);
      expect(new Set(niced.start)).toEqual(new Set([base + 3]));
      expect(new Set(niced.lowered)).toEqual(new Set([10]));
      expect(new Set(niced.back)).toEqual(new Set([base + 3]));
    },
    60_000,
  );

  // An unprivileged user with RLIMIT_NICE 0 (the usual): it may not, so it leaves its threads alone.
  const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all'];
  // (as root, with setpriv, and a checkout that user may read)
  const setpriv =
    process.getuid?.() === 0 &&
    spawnSync(NOBODY[0]!, [...NOBODY.slice(1), 'test', '-r', path.join(repoRoot, 'src/queue/background-priority.ts')])
      .status === 0;
  it.runIf(setpriv && process.platform === 'linux')(
    'on this machine: an unprivileged process leaves its threads as they are',
    async () => {
      const user = await run(NOBODY);
      expect(user).toMatchObject({ own: false, lowered: [], back: [] });
    },
    60_000,
  );
});

describe('a worker tells its priority how long the jobs it claims had waited', () => {
  let t: TestApp;
  let worker: Worker;
  const seen: number[] = [];
  const kinds = { mh: 'test.wait-mh', email: 'test.wait-email', maintenance: 'test.wait-maintenance' } as const;

  beforeAll(async () => {
    t = await startTestApp();
    const job = (kind: string, priority: number) =>
      defineJob({ kind, priority, callsMh: false, dedupeKey: () => null, run: async () => ({ kind: 'done' }) });
    worker = new Worker(createLogger('error'), {
      definitions: [
        job(kinds.mh, JOB_PRIORITY.mh),
        job(kinds.email, JOB_PRIORITY.email),
        job(kinds.maintenance, JOB_PRIORITY.maintenance),
      ],
      runtime: { app: t.app, mailer: {} as Mailer },
      concurrency: 4,
      perTenantConcurrency: 2,
      pollMs: 50,
      listener: t.app.db.listener,
      pool: t.app.db.pool,
      priority: { observe: (ms) => seen.push(ms) },
    });
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  });

  /** Queues one job of `kind`, due `agoMs` ago, and waits until the worker ran it. */
  async function claimed(kind: string, agoMs: number): Promise<void> {
    const { rows } = await t.app.db.pool.query<{ id: string }>(
      `insert into job (tenant_id, kind, payload, status, priority, run_at, attempts, created_at, updated_at)
       values (null, $1, '{}', 'queued', $2, now() - $3 * interval '1 millisecond', 0, now(), now()) returning id`,
      [kind, kind === kinds.mh ? 0 : kind === kinds.email ? JOB_PRIORITY.email : JOB_PRIORITY.maintenance, agoMs],
    );
    await t.app.db.pool.query(`select pg_notify('fx_jobs', $1)`, [kind]);
    for (const end = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 20))) {
      const left = await t.app.db.pool.query(`select 1 from job where id = $1 and status <> 'done'`, [rows[0]!.id]);
      if (!left.rows.length) return;
      if (Date.now() > end) throw new Error('the job was not run');
    }
  }

  it('MH work as it waited, an e-mail as a tenth of it, maintenance not at all', async () => {
    seen.length = 0;
    await claimed(kinds.mh, 3000);
    expect(seen).toHaveLength(1);
    // (a claim whose transaction began just before the job's insert reads it with a clock a moment earlier)
    expect(seen[0]).toBeGreaterThanOrEqual(3000 - 50);
    expect(seen[0]).toBeLessThan(3000 + 5000);
    await claimed(kinds.email, 20_000);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBeGreaterThanOrEqual(2000 - 5);
    expect(seen[1]).toBeLessThan(2000 + 500);
    await claimed(kinds.maintenance, 60_000);
    expect(seen).toHaveLength(2);
  });
});
