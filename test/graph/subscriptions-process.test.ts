import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';
import { repoRoot } from '../helpers/spawn.js';
import { emit, example, rest } from './graph-helpers.js';

// The real thing: a second FacturaXpress *process* (src/main.ts, API only) on the same database. An invoice emitted
// through it reaches a subscriber connected to this test's server only through PostgreSQL NOTIFY.
let t: TestApp;
let child: ChildProcess;
let childUrl: string;
let a: { tenantId: string; apiKey: string };

beforeAll(async () => {
  t = await startTestApp();
  a = await provisionTenant(t);
  child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts', '--api-only'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: t.app.db.url,
      PORT: '0',
      LOG_LEVEL: 'error',
      NODE_ENV: 'test',
      FX_MASTER_KEY: randomBytes(32).toString('base64'),
      FX_WORKER: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  childUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`second process did not start:\n${out}`)), 50_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/FacturaXpress GraphQL: (http:\/\/[^\s]+)\/graphql/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`second process exited ${code}:\n${out}`)));
  });
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  await t?.close();
});

describe('subscriptions across two server processes', () => {
  it('a change committed by the other process reaches this process’s subscriber', async () => {
    const body = example('01-factura');
    const got: any[] = [];
    const c = createClient({
      url: `${t.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { 'x-api-key': a.apiKey },
      retryAttempts: 0,
      lazy: false,
    });
    c.subscribe(
      {
        query:
          `subscription($r: String) { invoiceStatusChanged(filter: ` +
          `{ referenciaExterna: $r }) { type status invoiceId } }`,
        variables: { r: body.referenciaExterna },
      },
      { next: (v) => got.push(v.data?.invoiceStatusChanged), error: () => undefined, complete: () => undefined },
    );
    await new Promise((r) => setTimeout(r, 300));
    const created = await rest({ url: childUrl } as TestApp, 'POST', '/api/facturas', a.apiKey, body);
    expect(created.status).toBe(201);
    const end = Date.now() + 5000;
    while (!got.length && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([{ type: 'dte.queued', status: 'QUEUED', invoiceId: created.body.id }]);
    expect((await emit(t, a.apiKey, body)).id).toBe(created.body.id); // and both processes agree on idempotency
    await c.dispose();
  });
});
