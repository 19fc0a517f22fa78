import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMhSandbox, MhClient, mhBaseUrl, type MhSandbox } from '../../src/hacienda/index.js';
import { makeDte, makeTenant, recepcionRequest } from './helpers.js';

// The real client against the real sandbox over HTTP on an ephemeral port; only the validator is injected.
let sandbox: MhSandbox;
let issuesFor: (doc: any) => { path: string; code: string; message: string }[] = () => [];
const tenant = makeTenant('00');
const client = () => new MhClient({ baseUrl: sandbox.url, userAgent: 'fx-test/1.0', timeoutMs: 1500 });

beforeAll(async () => {
  sandbox = await createMhSandbox({ validate: (doc) => issuesFor(doc) });
  sandbox.registerTenant({
    nit: tenant.nit,
    password: tenant.cred.password,
    publicKeyPem: tenant.cert.publicKeyPem,
    ambiente: '00',
  });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.clearFaults();
  issuesFor = () => [];
});

describe('authentication', () => {
  it('knows the real MH hosts', () => {
    expect(mhBaseUrl('00')).toBe('https://apitest.dtes.mh.gob.sv');
    expect(mhBaseUrl('01')).toBe('https://api.dtes.mh.gob.sv');
  });

  it('authenticates once, caches the token (Bearer prefix included) and shares concurrent requests', async () => {
    const c = client();
    const before = sandbox.stats().authRequests;
    const [a, b] = await Promise.all([c.authenticate(tenant.cred), c.authenticate(tenant.cred)]);
    expect(a).toMatchObject({ kind: 'ok' });
    expect(a.kind === 'ok' && a.token).toMatch(/^Bearer [A-Za-z0-9_-]+$/);
    expect(b).toEqual(a);
    await c.recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant)));
    expect(sandbox.stats().authRequests - before).toBe(1);
  });

  it('keeps a test token 48 h minus the margin, then re-authenticates', async () => {
    let now = Date.now();
    const c = new MhClient({ baseUrl: sandbox.url, userAgent: 'fx-test', now: () => now, tokenMarginMs: 3_600_000 });
    const first = await c.authenticate(tenant.cred);
    expect(first.kind === 'ok' && first.expiresAt.getTime() - now).toBe(47 * 3_600_000);
    now += 47 * 3_600_000 - 1;
    expect(await c.authenticate(tenant.cred)).toEqual(first);
    now += 2;
    const second = await c.authenticate(tenant.cred);
    expect(second.kind === 'ok' && first.kind === 'ok' && second.token !== first.token).toBe(true);
  });

  it('re-authenticates once on HTTP 401 and the call succeeds', async () => {
    const c = client();
    await c.authenticate(tenant.cred);
    sandbox.revokeTokens(tenant.nit);
    const before = sandbox.stats().authRequests;
    const out = await c.recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant)));
    expect(out.kind).toBe('processed');
    expect(sandbox.stats().authRequests - before).toBe(1);
  });

  it("classifies refused credentials as auth_error with MH's message", async () => {
    const out = await client().recepcionDte(
      { ...tenant.cred, password: 'wrong' },
      await recepcionRequest(tenant, makeDte(tenant)),
    );
    expect(out).toMatchObject({
      kind: 'auth_error',
      status: 401,
      raw: { status: 'ERROR', error: 'Unauthorized', message: 'Credenciales no validas' },
    });
    const unknownUser = await client().authenticate({ user: '06140000000000', password: 'x', ambiente: '00' });
    expect(unknownUser).toMatchObject({ kind: 'auth_error', raw: { message: 'Usuario no valido' } });
  });
});

describe('recepciondte', () => {
  it('processed: 40-char sello from the year, fhProcesamiento dd/MM/yyyy HH:mm:ss, codigoMsg 001', async () => {
    const doc = makeDte(tenant);
    const out = await client().recepcionDte(tenant.cred, await recepcionRequest(tenant, doc));
    expect(out.kind).toBe('processed');
    if (out.kind !== 'processed') return;
    expect(out.selloRecibido).toMatch(/^[A-Z0-9]{40}$/);
    expect(out.selloRecibido.slice(0, 4)).toBe(doc.identificacion.fecEmi.slice(0, 4));
    expect(out.fhProcesamiento).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(out).toMatchObject({
      codigoMsg: '001',
      codigoGeneracion: doc.identificacion.codigoGeneracion,
      observaciones: [],
      status: 200,
    });
    expect(sandbox.receptions(doc.identificacion.codigoGeneracion)).toBe(1);
  });

  it('processed with observaciones: codigoMsg 002', async () => {
    sandbox.setFault({ observacionesNext: 1, observacion: '[resumen.totalLetras] X' }, tenant.nit);
    const out = await client().recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant)));
    expect(out).toMatchObject({ kind: 'processed', codigoMsg: '002', observaciones: ['[resumen.totalLetras] X'] });
  });

  it("rejected: HTTP 400 with MH's JSON kept, observaciones from the validator", async () => {
    issuesFor = () => [
      { path: 'resumen.totalPagar', code: 'CALC', message: 'CALCULO INCORRECTO' },
      { path: 'receptor.nrc', code: 'REQ', message: 'REQUERIDO' },
    ];
    const doc = makeDte(tenant);
    const out = await client().recepcionDte(tenant.cred, await recepcionRequest(tenant, doc));
    expect(out).toMatchObject({
      kind: 'rejected',
      status: 400,
      codigoMsg: '020',
      descripcionMsg: '[resumen.totalPagar] CALCULO INCORRECTO',
      observaciones: ['[resumen.totalPagar] CALCULO INCORRECTO', '[receptor.nrc] REQUERIDO'],
      raw: {
        estado: 'RECHAZADO',
        selloRecibido: null,
        codigoGeneracion: doc.identificacion.codigoGeneracion,
        clasificaMsg: '11',
      },
    });
    // MH lets a rejected document be corrected and sent again under the same codigoGeneracion.
    issuesFor = () => [];
    expect((await client().recepcionDte(tenant.cred, await recepcionRequest(tenant, doc))).kind).toBe('processed');
    expect(sandbox.receptions(doc.identificacion.codigoGeneracion)).toBe(2);
  });

  it("duplicate: codigoMsg 004 with MH's exact message, every attempt counted", async () => {
    const req = await recepcionRequest(tenant, makeDte(tenant));
    expect((await client().recepcionDte(tenant.cred, req)).kind).toBe('processed');
    const dup = await client().recepcionDte(tenant.cred, req);
    expect(dup).toMatchObject({
      kind: 'rejected',
      codigoMsg: '004',
      descripcionMsg: '[identificacion.codigoGeneracion] YA EXISTE UN REGISTRO CON ESE VALOR',
    });
    expect(sandbox.receptions(req.codigoGeneracion)).toBe(2);
  });

  it('rejectNext N rejects exactly N documents', async () => {
    sandbox.setFault({ rejectNext: 2 }, tenant.nit);
    const kinds = [];
    for (let i = 0; i < 3; i++)
      kinds.push((await client().recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant)))).kind);
    expect(kinds).toEqual(['rejected', 'rejected', 'processed']);
  });
});

describe('failures', () => {
  it('timeout after MH processed it → unknown; consultadte then finds it processed (no resend needed)', async () => {
    const c = client();
    await c.authenticate(tenant.cred);
    sandbox.setFault({ timeout: true, afterProcessing: true, times: 1 }, tenant.nit);
    const doc = makeDte(tenant);
    const out = await c.recepcionDte(tenant.cred, await recepcionRequest(tenant, doc));
    expect(out).toMatchObject({ kind: 'unknown' });
    const q = await c.consultaDte(tenant.cred, {
      nitEmisor: tenant.nit,
      tdte: '01',
      codigoGeneracion: doc.identificacion.codigoGeneracion,
    });
    expect(q).toMatchObject({ kind: 'processed', codigoMsg: '001' });
    expect(sandbox.receptions(doc.identificacion.codigoGeneracion)).toBe(1);
  });

  it('timeout before MH got it → unknown; consultadte not_found; the resend is processed once', async () => {
    const c = client();
    await c.authenticate(tenant.cred);
    sandbox.setFault({ timeout: true, times: 1 }, tenant.nit);
    const doc = makeDte(tenant);
    const req = await recepcionRequest(tenant, doc);
    expect((await c.recepcionDte(tenant.cred, req)).kind).toBe('unknown');
    const q = await c.consultaDte(tenant.cred, {
      nitEmisor: tenant.nit,
      tdte: '01',
      codigoGeneracion: req.codigoGeneracion,
    });
    expect(q).toMatchObject({ kind: 'not_found', status: 404 });
    expect((await c.recepcionDte(tenant.cred, req)).kind).toBe('processed');
    expect(sandbox.receptions(req.codigoGeneracion)).toBe(1);
  });

  it('503 → transient and nothing recorded', async () => {
    const c = client();
    await c.authenticate(tenant.cred);
    sandbox.setFault({ status5xx: 503, times: 1 });
    const req = await recepcionRequest(tenant, makeDte(tenant));
    expect(await c.recepcionDte(tenant.cred, req)).toMatchObject({ kind: 'transient', status: 503 });
    expect(sandbox.receptions(req.codigoGeneracion)).toBe(0);
    expect((await c.recepcionDte(tenant.cred, req)).kind).toBe('processed');
  });

  it('outage window → transient (auth included) until it ends', async () => {
    sandbox.setFault({ outageUntil: new Date(Date.now() + 400).toISOString() }, tenant.nit);
    const c = client();
    const req = await recepcionRequest(tenant, makeDte(tenant));
    expect(await c.recepcionDte(tenant.cred, req)).toMatchObject({ kind: 'transient' });
    await new Promise((r) => setTimeout(r, 450));
    expect((await c.recepcionDte(tenant.cred, req)).kind).toBe('processed');
  });

  it('latency fault delays the answer', async () => {
    const c = client();
    await c.authenticate(tenant.cred);
    sandbox.setFault({ latencyMs: 300, times: 1 }, tenant.nit);
    const t0 = performance.now();
    expect((await c.recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant)))).kind).toBe('processed');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('connection refused → transient', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', () => r()));
    const { port } = dead.address() as AddressInfo;
    await new Promise<void>((r) => dead.close(() => r()));
    const c = new MhClient({ baseUrl: `http://127.0.0.1:${port}`, userAgent: 'fx-test' });
    expect(await c.recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant)))).toMatchObject({
      kind: 'transient',
    });
  });

  it('connection closed after the request was sent → unknown (submissions) / transient (queries)', async () => {
    const srv = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url === '/seguridad/auth') {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ status: 'OK', body: { token: 'Bearer t' } }));
        } else req.socket.destroy();
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const c = new MhClient({
      baseUrl: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
      userAgent: 'fx-test',
    });
    try {
      expect(await c.recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant)))).toMatchObject({
        kind: 'unknown',
      });
      expect(
        await c.consultaDte(tenant.cred, { nitEmisor: tenant.nit, tdte: '01', codigoGeneracion: 'X' }),
      ).toMatchObject({ kind: 'transient' });
    } finally {
      srv.closeAllConnections();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });
});
