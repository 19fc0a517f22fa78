import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, facturaBody, tenantWithCredential, waitForStatus } from '../helpers/pipeline.js';
import { repoRoot } from '../helpers/spawn.js';

// A worker-only process (as `npm start` runs it beside the API processes) lowers its own CPU priority: on Linux the
// priority is per thread, so every thread of it counts — the PDF thread, libuv's pool, V8's helpers.
const linux = process.platform === 'linux';

let t: TestApp;
const children: ChildProcess[] = [];
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await t?.close();
});

function spawnWorker(nice: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', 'src/main.ts', '--worker-only'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: t.app.db.url,
        FX_MASTER_KEY: t.app.config.masterKey!,
        FX_MH_BASE_URL: t.app.mh.baseUrl,
        FX_MH_SANDBOX: '1',
        FX_MAIL_OUTBOX_DIR: mkdtempSync(path.join(os.tmpdir(), 'fx-nice-mail-')),
        FX_WORKER_NICE: nice,
        LOG_LEVEL: 'error',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  children.push(child);
  return child;
}

/** Every thread of a process with its name and nice value (/proc/<pid>/task/<tid>/stat, field 19). */
function threads(pid: number): { tid: string; name: string; nice: number }[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      return [{ tid, name, nice: Number(stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[16]) }];
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}

/** Runs a worker on one document until its e-mail (with the PDF, rendered on the PDF thread) is written. */
async function workerThreadsAfterOneDocument(nice: string) {
  const tt = await tenantWithCredential(t);
  const doc = await emit(tt, facturaBody());
  const child = spawnWorker(nice);
  await waitForStatus(t, [doc.id], ['PROCESSED'], 60_000);
  const until = Date.now() + 60_000;
  for (;;) {
    const { rows } = await t.app.db.pool.query(`select status from invoice_email where invoice_id = $1`, [doc.id]);
    if (rows[0] && rows[0].status !== 'PENDING') break;
    if (Date.now() > until) throw new Error('the e-mail was not written');
    await new Promise((r) => setTimeout(r, 50));
  }
  const found = threads(child.pid!);
  child.kill('SIGTERM');
  return found;
}

describe.runIf(linux)('worker process CPU priority', () => {
  it('FX_WORKER_NICE lowers every thread of a worker-only process, the PDF thread and libuv pool too', async () => {
    const found = await workerThreadsAfterOneDocument('7');
    expect(found.length).toBeGreaterThan(8); // main, V8's helpers, libuv's pool, the PDF thread's
    expect(found.filter((th) => th.nice !== 7)).toEqual([]);
  }, 120_000);

  it('FX_WORKER_NICE=0 leaves the priority the process was started with', async () => {
    const own = os.getPriority();
    const found = await workerThreadsAfterOneDocument('0');
    expect(found.length).toBeGreaterThan(8);
    expect(found.filter((th) => th.nice !== own)).toEqual([]);
  }, 120_000);
});
