import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MhClient, type MhSandbox } from '../../src/hacienda/index.js';
import { startMhSandboxThread } from '../../src/hacienda/sandbox/thread.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { emit, facturaBody, tenantWithCredential, waitForStatus } from '../helpers/pipeline.js';
import { makeDte, makeTenant, recepcionRequest } from './helpers.js';

// The MH sandbox in its own worker thread (as `npm start` runs it): the same HTTP server and control routes, and the
// same synchronous control methods, answered across threads.
let sandbox: MhSandbox;
const tenant = makeTenant('00');
const client = () => new MhClient({ baseUrl: sandbox.url, userAgent: 'fx-test/1.0', timeoutMs: 3000 });

beforeAll(async () => {
  sandbox = await startMhSandboxThread({ validateDocuments: false });
  const { nit, cred, cert } = tenant;
  sandbox.registerTenant({ nit, password: cred.password, publicKeyPem: cert.publicKeyPem, ambiente: '00' });
}, 60_000);
afterAll(() => sandbox?.close());

describe('MH sandbox in a worker thread', () => {
  it('receives over HTTP; receptions and stats answer synchronously from the thread', async () => {
    const before = sandbox.stats();
    const doc = makeDte(tenant);
    const out = await client().recepcionDte(tenant.cred, await recepcionRequest(tenant, doc));
    expect(out.kind).toBe('processed');
    expect(sandbox.receptions(doc.identificacion.codigoGeneracion)).toBe(1);
    expect(sandbox.receptions('not-a-document')).toBe(0);
    const after = sandbox.stats();
    expect(after.receptions - before.receptions).toBe(1);
    expect(after.processed - before.processed).toBe(1);
  });

  it('faults set from this thread apply to the next request, and clear', async () => {
    sandbox.setFault({ rejectNext: 1 }, tenant.nit);
    const c = client();
    expect((await c.recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant)))).kind).toBe('rejected');
    expect((await c.recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant)))).kind).toBe('processed');
    sandbox.setFault({ latencyMs: 300 }, tenant.nit);
    let t0 = performance.now();
    await c.recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant)));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    sandbox.clearFaults(tenant.nit);
    t0 = performance.now();
    await c.recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant)));
    expect(performance.now() - t0).toBeLessThan(290);
    sandbox.revokeTokens(tenant.nit);
    const auth = sandbox.stats().authRequests;
    expect((await c.recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant)))).kind).toBe('processed');
    expect(sandbox.stats().authRequests - auth).toBe(1);
  });

  it('keeps its HTTP control routes (slow, down, rejecting) for other processes', async () => {
    const post = (fault: unknown) =>
      fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fault, nit: tenant.nit }),
      });
    expect((await post({ status5xx: 503, times: 1 })).status).toBe(201);
    const req = await recepcionRequest(tenant, makeDte(tenant));
    expect(await client().recepcionDte(tenant.cred, req)).toMatchObject({ kind: 'transient', status: 503 });
    expect((await post({ rejectNext: 1 })).status).toBe(201);
    expect((await client().recepcionDte(tenant.cred, req)).kind).toBe('rejected');
    const r = await fetch(`${sandbox.url}/__sandbox/receptions/${req.codigoGeneracion}`);
    const receptions = sandbox.receptions(req.codigoGeneracion);
    expect(await r.json()).toEqual({ codigoGeneracion: req.codigoGeneracion, receptions });
    expect((await fetch(`${sandbox.url}/__sandbox/faults?nit=${tenant.nit}`, { method: 'DELETE' })).status).toBe(200);
  });
});

describe('the service with its sandbox thread', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ FX_MH_SANDBOX_THREAD: '1' }, { worker: true });
  }, 60_000);
  afterAll(async () => t?.close());

  it('emits, signs and transmits to the thread over HTTP; every document is received once', async () => {
    const tt = await tenantWithCredential(t);
    const ids = (await Promise.all(Array.from({ length: 5 }, () => emit(tt, facturaBody())))).map((i) => i.id);
    const done = await waitForStatus(t, ids, ['PROCESSED', 'REJECTED'], 60_000);
    expect(done.map((d) => d.status)).toEqual(ids.map(() => 'PROCESSED'));
    for (const d of done) expect(t.app.mh.sandbox!.receptions(d.codigoGeneracion)).toBe(1);
  }, 90_000);
});
