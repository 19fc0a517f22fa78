import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { repoRoot } from '../helpers/spawn.js';

// A power cut: SIGKILL of the whole process group (the server AND its embedded PostgreSQL) mid-burst, then `npm start`
// again at once. MH is a standalone sandbox process (outside the group) so its journal of receptions survives.
const dir = mkdtempSync(path.join(os.tmpdir(), 'fx-power-cut-'));
chmodSync(dir, 0o755);
const dataDir = path.join(dir, 'data');
const journal = path.join(dir, 'mh-journal.jsonl');
const groups: ChildProcess[] = [];
const killGroup = (c: ChildProcess, signal: NodeJS.Signals) => {
  try {
    process.kill(-c.pid!, signal);
  } catch {
    /* already gone */
  }
};
afterAll(async () => {
  for (const c of groups) killGroup(c, 'SIGKILL');
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (existsSync(pidFile))
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGKILL');
    } catch {
      /* gone */
    }
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A TypeScript entry point as its own process group (as a shell runs `npm start`); resolves when `ready` is printed.
 */
function launch(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): { child: ChildProcess; line: Promise<string> } {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'error', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  groups.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const line = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = out.match(ready);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`${args[0]} exited ${code}: ${out}`));
    });
  });
  return { child, line };
}

const service = (port: number, mhUrl: string) =>
  launch(
    ['src/main.ts'],
    {
      DATABASE_URL: '',
      FX_DATA_DIR: dataDir,
      PORT: String(port),
      FX_MH_BASE_URL: mhUrl,
      FX_MH_SANDBOX: '1',
      FX_JOB_LEASE_MS: '3000',
    },
    /^FX_API_KEY=(fx_test_\S+)$/m,
  );

const body = (i: number) => ({
  ...JSON.parse(readFileSync(path.join(repoRoot, 'examples/dte/01-factura.json'), 'utf8')),
  referenciaExterna: `CUT-${i}`,
});

function receptions(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of readFileSync(journal, 'utf8').split('\n')) {
    if (!line.startsWith('{"t":"count"')) continue;
    const c = JSON.parse(line).c as string;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return counts;
}

describe('a power cut mid-burst (SIGKILL of the server and its PostgreSQL), restarted at once', () => {
  it('comes back serving, and every accepted document ends PROCESSED, received by MH exactly once', async () => {
    const mhPort = await freePort();
    const mh = launch(
      ['src/hacienda/sandbox/main.ts', '--port', String(mhPort), '--journal', journal],
      {},
      /listening on (\S+)/,
    );
    const mhUrl = await mh.line;
    const port = await freePort();
    const first = service(port, mhUrl);
    const key = await first.line;
    const post = (i: number) =>
      fetch(`http://127.0.0.1:${port}/api/facturas`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify(body(i)),
      });
    const total = 60;
    const accepted = new Map<number, string>();
    const burst = Array.from({ length: total }, (_, i) =>
      post(i)
        .then(async (r) => {
          if (r.status === 201 || r.status === 200) accepted.set(i, ((await r.json()) as { id: string }).id);
        })
        .catch(() => undefined),
    );
    for (const until = Date.now() + 60_000; accepted.size < 8 && Date.now() < until; )
      await new Promise((r) => setTimeout(r, 10));
    const pgPid = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    killGroup(first.child, 'SIGKILL');
    await Promise.all(burst);
    expect(accepted.size).toBeGreaterThan(0);
    // the whole group went down, PostgreSQL included, leaving its postmaster.pid behind
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);
    expect(pgPid).toBeGreaterThan(0);

    const second = service(port, mhUrl); // at once: no pause for the dying postmaster
    expect(await second.line).toBe(key);
    for (let i = 0; i < total; i++) {
      if (accepted.has(i)) continue;
      const r = await post(i); // the client retries what got no answer (idempotent on referenciaExterna)
      expect([200, 201]).toContain(r.status);
      accepted.set(i, ((await r.json()) as { id: string }).id);
    }
    let statuses: string[] = [];
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 300))) {
      statuses = await Promise.all(
        [...accepted.values()].map(async (id) => {
          const r = await fetch(`http://127.0.0.1:${port}/api/facturas/${id}`, { headers: { 'x-api-key': key } });
          return ((await r.json()) as { status: string }).status;
        }),
      );
      if (statuses.every((s) => s === 'PROCESSED')) break;
    }
    expect(statuses).toEqual(Array(total).fill('PROCESSED'));
    const counts = receptions();
    expect(counts.size).toBe(total);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);

    killGroup(second.child, 'SIGTERM');
    expect(await new Promise((r) => second.child.once('exit', r))).toBe(0);
    killGroup(mh.child, 'SIGTERM');
  }, 300_000);
});
