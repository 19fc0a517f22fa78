import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { repoRoot } from '../helpers/spawn.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fx-kill-'));
chmodSync(dataDir, 0o755);
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  // a postgres orphaned by the SIGKILL and not adopted would keep running: stop it
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (existsSync(pidFile))
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
    } catch {
      /* gone */
    }
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dataDir, { recursive: true, force: true });
});

/** The whole service as `npm start` runs it: embedded PostgreSQL, in-process MH sandbox (journaled), API + worker. */
function service(port: number): { child: ChildProcess; key: Promise<string> } {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: '',
      FX_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'error',
      NODE_ENV: 'development',
      FX_JOB_LEASE_MS: '3000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const key = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = out.match(/^FX_API_KEY=(fx_test_\S+)$/m);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`service exited ${code}: ${out}`));
    });
  });
  return { child, key };
}

const body = (i: number) => ({
  ...JSON.parse(readFileSync(path.join(repoRoot, 'examples/dte/01-factura.json'), 'utf8')),
  referenciaExterna: `BURST-${i}`,
});

describe('the service killed mid-burst', () => {
  it('loses nothing: after SIGKILL and restart every accepted invoice ends PROCESSED, sent to MH once', async () => {
    const port = await freePort();
    const first = service(port);
    const key = await first.key;
    const post = (i: number) =>
      fetch(`http://127.0.0.1:${port}/api/facturas`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify(body(i)),
      });
    const accepted = new Map<number, string>();
    const burst = Array.from({ length: 60 }, (_, i) =>
      post(i)
        .then(async (r) => {
          if (r.status === 201 || r.status === 200) accepted.set(i, ((await r.json()) as any).id);
        })
        .catch(() => undefined),
    );
    // mid-burst: a few accepted (some already being transmitted), the rest still in flight
    for (const until = Date.now() + 30_000; accepted.size < 8 && Date.now() < until; )
      await new Promise((r) => setTimeout(r, 10));
    first.child.kill('SIGKILL');
    await Promise.all(burst);
    await new Promise((r) => first.child.once('exit', r).unref?.() ?? setTimeout(r, 200));
    expect(accepted.size).toBeGreaterThan(0);

    const second = service(port);
    expect(await second.key).toBe(key);
    // the client retries what got no answer: idempotency on referenciaExterna makes the retry safe
    for (let i = 0; i < 60; i++)
      if (!accepted.has(i)) {
        const r = await post(i);
        expect([200, 201]).toContain(r.status);
        accepted.set(i, ((await r.json()) as any).id);
      }
    const deadline = Date.now() + 90_000;
    let statuses: string[] = [];
    while (Date.now() < deadline) {
      statuses = await Promise.all(
        [...accepted.values()].map(
          async (id) =>
            (
              (await (
                await fetch(`http://127.0.0.1:${port}/api/facturas/${id}`, { headers: { 'x-api-key': key } })
              ).json()) as any
            ).status,
        ),
      );
      if (statuses.every((s) => s === 'PROCESSED')) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(statuses).toEqual(Array(60).fill('PROCESSED'));
    // MH's view (the sandbox journal): every document received exactly once, no second sello
    const counts = new Map<string, number>();
    for (const line of readFileSync(path.join(dataDir, 'mh-sandbox.jsonl'), 'utf8').split('\n')) {
      if (!line.startsWith('{"t":"count"')) continue;
      const c = JSON.parse(line).c as string;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    second.child.kill('SIGTERM');
    expect(await new Promise((r) => second.child.once('exit', r))).toBe(0);
  }, 180_000);
});
