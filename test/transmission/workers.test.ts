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

  it('a worker killed while a first send is at MH: the document is QUEUED and the next run asks MH first', async () => {
    const tt = await tenantWithCredential(t);
    // A first send is recorded with MH's answer: while it is at MH the row is still QUEUED. MH receives and
    // processes each document, and its answer is held (lost) until the worker is killed.
    t.app.mh.sandbox!.setFault({ timeout: true, afterProcessing: true, holdMs: 60_000 }, tt.nit);
    const ids = (await Promise.all(Array.from({ length: 3 }, () => emit(tt, facturaBody())))).map((i) => i.id);
    const codes = new Map(
      (
        await t.app.db.pool.query<{ id: string; codigo_generacion: string }>(
          'select id::text, codigo_generacion from invoice where id = any($1::uuid[])',
          [ids],
        )
      ).rows.map((r) => [r.id, r.codigo_generacion]),
    );
    const first = spawnWorker();
    const atMh = () => ids.filter((id) => t.app.mh.sandbox!.receptions(codes.get(id)!) > 0);
    const until = Date.now() + 60_000;
    while (atMh().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const sent = atMh();
    expect(sent.length).toBeGreaterThan(0);
    const rows = await waitForStatus(t, sent, ['QUEUED'], 0);
    expect(rows.map((r) => r.status)).toEqual(sent.map(() => 'QUEUED')); // nothing recorded before the request
    t.app.mh.sandbox!.clearFaults(tt.nit);
    spawnWorker();
    const done = await waitForStatus(t, ids, ['PROCESSED', 'REJECTED'], 90_000);
    expect(done.map((d) => d.status)).toEqual(ids.map(() => 'PROCESSED'));
    for (const d of done) expect(t.app.mh.sandbox!.receptions(d.codigoGeneracion), d.codigoGeneracion).toBe(1);
    // The document at MH when the worker died: SENT committed by the next run, then consultadte (UNKNOWN) found it.
    const { rows: events } = await t.app.db.pool.query<{ type: string }>(
      'select type from invoice_event where invoice_id = $1 order by id',
      [sent[0]],
    );
    expect(events.map((e) => e.type)).toEqual(['dte.queued', 'dte.signed', 'dte.sent', 'dte.unknown', 'dte.processed']);
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
