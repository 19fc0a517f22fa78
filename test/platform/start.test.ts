import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { holdsCapSysNice } from '../../src/queue/background-priority.js';
import { repoRoot, runTs } from '../helpers/spawn.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fx-start-'));
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm start`'s entry with no DATABASE_URL: embedded PostgreSQL under FX_DATA_DIR, demo tenant, printed key. */
function start(port: number, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: '',
      FX_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = out.match(/^FX_API_KEY=(fx_test_\S+)$/m);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`exited ${code}: ${out}`));
    });
  });
  return { child, ready, output: () => out };
}

describe('npm start (embedded PostgreSQL, demo tenant)', () => {
  it('creates the demo tenant on first start, prints a working key, stops on SIGTERM, keeps its data', async () => {
    const port = await freePort();
    const first = start(port);
    const key = await first.ready;
    expect(first.output()).toContain(`FacturaXpress GraphQL: http://127.0.0.1:${port}/graphql`);
    const me = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ query: '{ me { ambiente tenant { nombre } } }' }),
    });
    expect(((await me.json()) as any).data.me).toEqual({
      ambiente: '00',
      tenant: { nombre: 'CLÍNICA DEMO SIGMA, S.A. DE C.V.' },
    });
    expect(statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600); // generated master key, owner-only

    // dte:preview while the server runs: the CLI attaches to the same embedded PostgreSQL.
    const preview = await runTs('src/cli.ts', ['dte:preview', '--file', 'examples/dte/01-factura.json'], {
      DATABASE_URL: '',
      FX_DATA_DIR: dataDir,
    });
    expect(preview.code).toBe(0);
    const doc = JSON.parse(preview.stdout);
    expect(doc.identificacion.numeroControl).toBe('DTE-01-M001P001-000000000000000');
    expect(doc.emisor.nit).toBe('06140101901015');

    first.child.kill('SIGTERM');
    const code = await new Promise((r) => first.child.once('exit', r));
    expect(code).toBe(0);
    expect(first.output()).not.toMatch(/\n\s+at /);

    const second = start(port);
    expect(await second.ready).toBe(key); // same data directory: the same demo tenant and key
    second.child.kill('SIGINT');
    expect(await new Promise((r) => second.child.once('exit', r))).toBe(0);
  }, 90_000);

  it('runs its worker process in a session of its own, which exits with the primary', async () => {
    const port = await freePort();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fx-start-sessions-'));
    chmodSync(dir, 0o755);
    const s = start(port, { FX_PROCESSES: '2', FX_DATA_DIR: dir });
    let kids: ReturnType<typeof childrenOf> = [];
    try {
      await s.ready;
      const primary = s.child.pid!;
      kids = childrenOf(primary);
      const worker = kids.find((k) => k.cmdline.includes('--worker-only'))!;
      const api = kids.find((k) => k.cmdline.includes('--api-only'))!;
      const postmaster = kids.find((k) => k.cmdline.includes('postgres'))!;
      expect(worker && api && postmaster).toBeTruthy();
      // (Linux schedules each session as a group: the worker's threads are not squeezed into the API's share)
      expect(worker.session).toBe(worker.pid);
      expect(api.session).toBe(procStat(primary).session);
      if (autogroupOn()) {
        // Keeping pace (nothing queued), the worker's group gives way to the API's requests on a busy CPU; the group
        // of the primary and the API processes (the session that started it) keeps its weight.
        expect(autogroupNice(worker.pid)).toBe(10);
        expect(autogroupNice(api.pid)).toBe(autogroupNice(process.pid));
      }
      if (holdsCapSysNice()) {
        // Where its threads' own nice counts (a container's cgroup, autogroup off), it lowers those too: every one of
        // them, the PDF's and libuv's included; the API's stay where the test's are.
        expect(new Set(threadNices(worker.pid))).toEqual(new Set([Math.max(10, os.getPriority())]));
        expect(new Set(threadNices(api.pid))).toEqual(new Set(threadNices(process.pid)));
      }
      s.child.kill('SIGKILL'); // no chance to stop its children: they must notice and exit by themselves
      await until(() => !alive(worker.pid) && !alive(api.pid));
      process.kill(postmaster.pid, 'SIGINT'); // the embedded PostgreSQL of the killed primary: a fast shutdown
      await until(() => !alive(postmaster.pid));
    } finally {
      if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
      for (const k of kids.filter((k) => alive(k.pid)))
        process.kill(k.pid, k.cmdline.includes('postgres') ? 'SIGINT' : 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('dte:preview prints only the document on stdout, and typed errors with exit 1', async () => {
    const bad = await runTs('src/cli.ts', ['dte:preview', '--file', 'test/fixtures/bad-ccf.json'], {
      DATABASE_URL: '',
      FX_DATA_DIR: dataDir,
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('receptor.nrc: REQUIRED');
    expect(bad.stderr).toContain('receptor.numDocumento: INVALID_NIT_CHECK_DIGIT');
  }, 60_000);
});

const autogroupOn = () => {
  try {
    return readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1';
  } catch {
    return false;
  }
};
/**
 * A process's autogroup nice value; null for a process in no autogroup (a session begun before the kernel's autogroup
 * took over, as the whole tree of some containers and CI runners is: the kernel then shows nothing).
 */
const autogroupNice = (pid: number) => {
  const m = /nice (-?\d+)/.exec(readFileSync(`/proc/${pid}/autogroup`, 'utf8'));
  return m ? Number(m[1]) : null;
};

/** The nice value of each thread of a process (/proc/<pid>/task/<tid>/stat, the 19th field). */
const threadNices = (pid: number) =>
  readdirSync(`/proc/${pid}/task`).map((t) => Number(procFields(`/proc/${pid}/task/${t}/stat`)[16]));
const procFields = (file: string) => readFileSync(file, 'utf8').split(') ')[1]!.split(' ');

/** A process's parent and session (from /proc/<pid>/stat: the fields after the command's closing parenthesis). */
function procStat(pid: number): { ppid: number; session: number } {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { ppid: Number(f[1]), session: Number(f[3]) };
}

function childrenOf(parent: number): { pid: number; session: number; cmdline: string }[] {
  const out: { pid: number; session: number; cmdline: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const st = procStat(Number(name));
      if (st.ppid !== parent) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      out.push({ pid: Number(name), session: st.session, cmdline });
    } catch {
      // (a process that ended while the list was read)
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
