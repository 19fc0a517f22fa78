import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, facturaBody, tenantWithCredential, waitForStatus } from '../helpers/pipeline.js';
import { repoRoot } from '../helpers/spawn.js';

let t: TestApp;
const children: ChildProcess[] = [];
beforeAll(async () => {
  t = await startTestApp(); // API + in-process MH sandbox; workers run as separate processes below
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await t?.close();
});

/** A real `--worker-only` process on the test database, talking to the sandbox over HTTP. */
function spawnWorker(): ChildProcess {
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
        FX_JOB_LEASE_MS: '3000',
        FX_WORKER_CONCURRENCY: '4',
        LOG_LEVEL: 'error',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  children.push(child);
  return child;
}

async function countProcessed(ids: string[]): Promise<number> {
  const rows = await waitForStatus(t, ids, ['PROCESSED'], 0);
  return rows.filter((r) => r?.status === 'PROCESSED').length;
}

describe('durable queue across processes', () => {
  it('a worker killed with SIGKILL mid-run restarts and every document ends PROCESSED exactly once', async () => {
    const tt = await tenantWithCredential(t);
    t.app.mh.sandbox!.setFault({ latencyMs: 60 }, tt.nit);
    const ids = (await Promise.all(Array.from({ length: 40 }, () => emit(tt, facturaBody())))).map((i) => i.id);
    const first = spawnWorker();
    const until = Date.now() + 60_000;
    while ((await countProcessed(ids)) < 8 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await countProcessed(ids);
    expect(atKill).toBeLessThan(ids.length); // it really died mid-run
    spawnWorker();
    const done = await waitForStatus(t, ids, ['PROCESSED', 'REJECTED'], 90_000);
    expect(done.map((d) => d.status)).toEqual(ids.map(() => 'PROCESSED'));
    for (const d of done) expect(t.app.mh.sandbox!.receptions(d.codigoGeneracion), d.codigoGeneracion).toBe(1);
  }, 180_000);

  it('two workers on one database never send a document twice', async () => {
    const tt = await tenantWithCredential(t);
    t.app.mh.sandbox!.setFault({ latencyMs: 20 }, tt.nit);
    const ids = (await Promise.all(Array.from({ length: 40 }, () => emit(tt, facturaBody())))).map((i) => i.id);
    spawnWorker();
    spawnWorker();
    const done = await waitForStatus(t, ids, ['PROCESSED', 'REJECTED'], 90_000);
    expect(done.map((d) => d.status)).toEqual(ids.map(() => 'PROCESSED'));
    for (const d of done) expect(t.app.mh.sandbox!.receptions(d.codigoGeneracion)).toBe(1);
    const numeros = new Set(done.map((d) => d.numeroControl));
    expect(numeros.size).toBe(ids.length);
  }, 180_000);
});
