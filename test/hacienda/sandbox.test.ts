import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMhSandbox, MhClient, type MhSandbox } from '../../src/hacienda/index.js';
import { signDte } from '../../src/signing/index.js';
import { makeDte, makeTenant, nowSv, recepcionRequest, type TestTenant } from './helpers.js';

let sandbox: MhSandbox;
let client: MhClient;
const tenant = makeTenant('00');
const other = makeTenant('00');
const register = (sb: MhSandbox, t: TestTenant) =>
  sb.registerTenant({
    nit: t.nit,
    password: t.cred.password,
    publicKeyPem: t.cert.publicKeyPem,
    ambiente: t.cred.ambiente,
  });

beforeAll(async () => {
  sandbox = await createMhSandbox({ validate: null, loteDelayMs: 150 });
  register(sandbox, tenant);
  register(sandbox, other);
  client = new MhClient({ baseUrl: sandbox.url, userAgent: 'fx-test/1.0', timeoutMs: 3000 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.clearFaults());

async function processed(t: TestTenant, over: Record<string, unknown> = {}) {
  const doc = makeDte(t, over);
  const out = await client.recepcionDte(t.cred, await recepcionRequest(t, doc));
  if (out.kind !== 'processed') throw new Error(`expected processed, got ${JSON.stringify(out)}`);
  return { doc, sello: out.selloRecibido };
}

describe('document checks', () => {
  it('refuses a JWS signed with a key other than the registered one', async () => {
    const doc = makeDte(tenant);
    const req = await recepcionRequest(tenant, doc);
    req.documento = await signDte(doc, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    expect(await client.recepcionDte(tenant.cred, req)).toMatchObject({ kind: 'rejected', codigoMsg: '096' });
    expect(sandbox.receptions(req.codigoGeneracion)).toBe(1);
  });

  it("refuses another tenant's document sent with my token", async () => {
    const req = await recepcionRequest(other, makeDte(other));
    expect(await client.recepcionDte(tenant.cred, req)).toMatchObject({ kind: 'rejected', codigoMsg: '096' });
  });

  it('refuses a wrong ambiente (body and signed identificacion)', async () => {
    const prod = await recepcionRequest(tenant, makeDte(tenant, {}, '01'));
    expect(await client.recepcionDte(tenant.cred, prod)).toMatchObject({ kind: 'rejected', codigoMsg: '023' });
    const mixed = await recepcionRequest(tenant, makeDte(tenant, {}, '01'));
    mixed.ambiente = '00';
    expect(await client.recepcionDte(tenant.cred, mixed)).toMatchObject({
      kind: 'rejected',
      codigoMsg: '023',
      descripcionMsg: expect.stringContaining('[identificacion.ambiente]'),
    });
  });

  it('refuses a body that does not match the signed identificacion', async () => {
    const req = await recepcionRequest(tenant, makeDte(tenant));
    const wrong = { ...req, codigoGeneracion: randomUUID().toUpperCase() };
    expect(await client.recepcionDte(tenant.cred, wrong)).toMatchObject({
      kind: 'rejected',
      descripcionMsg: expect.stringContaining('[identificacion.codigoGeneracion]'),
    });
    expect(await client.recepcionDte(tenant.cred, { ...req, tipoDte: '03' })).toMatchObject({
      kind: 'rejected',
      descripcionMsg: expect.stringContaining('[identificacion.tipoDte]'),
    });
  });

  it('enforces the date tolerance: 2 days ahead and 2 days old are refused, 1 hour old is fine', async () => {
    const ahead = nowSv(new Date(Date.now() + 2 * 86_400_000));
    const old = nowSv(new Date(Date.now() - 2 * 86_400_000));
    for (const when of [ahead, old]) {
      const out = await client.recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant, when)));
      expect(out).toMatchObject({ kind: 'rejected', codigoMsg: '021' });
    }
    await processed(tenant, nowSv(new Date(Date.now() - 3_600_000)));
  });

  it("the default validator is the project's validateDte", async () => {
    const sb = await createMhSandbox();
    try {
      register(sb, tenant);
      const c = new MhClient({ baseUrl: sb.url, userAgent: 'fx-test' });
      const out = await c.recepcionDte(tenant.cred, await recepcionRequest(tenant, makeDte(tenant)));
      expect(out).toMatchObject({ kind: 'rejected', codigoMsg: '020' });
      expect(out.kind === 'rejected' && out.observaciones.length).toBeGreaterThan(0);
    } finally {
      await sb.close();
    }
  });

  it("requires the token: 401 with MH's error body", async () => {
    const res = await fetch(`${sandbox.url}/fesv/recepciondte`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ status: 'ERROR', error: 'Unauthorized', message: 'Token requerido' });
  });
});

describe('lotes', () => {
  it('answers RECIBIDO at once, then consultadtelote gives procesados and rechazados', async () => {
    const good = [makeDte(tenant), makeDte(tenant)];
    const dup = await processed(tenant);
    const documentos = await Promise.all([...good, dup.doc].map((d) => signDte(d, tenant.cert.privateKey)));
    const idEnvio = randomUUID().toUpperCase();
    const out = await client.recepcionLote(tenant.cred, {
      ambiente: '00',
      idEnvio,
      version: 1,
      nitEmisor: tenant.nit,
      documentos,
    });
    expect(out).toMatchObject({ kind: 'received', idEnvio, codigoMsg: '001' });
    if (out.kind !== 'received') return;
    expect(out.codigoLote).toMatch(/^[A-F0-9-]{36}$/);
    const early = await client.consultaLote(tenant.cred, out.codigoLote);
    expect(early).toMatchObject({ kind: 'lote', procesados: [], rechazados: [] });
    await new Promise((r) => setTimeout(r, 400));
    const done = await client.consultaLote(tenant.cred, out.codigoLote);
    if (done.kind !== 'lote') throw new Error(JSON.stringify(done));
    expect(done.procesados.map((p) => p.codigoGeneracion).sort()).toEqual(
      good.map((d) => d.identificacion.codigoGeneracion).sort(),
    );
    expect(done.procesados[0]).toMatchObject({
      descripcionMsg: 'RECIBIDO Y PROCESADO',
      selloRecibido: expect.stringMatching(/^[A-Z0-9]{40}$/),
    });
    expect(done.rechazados).toMatchObject([
      { codigoMsg: '004', codigoGeneracion: dup.doc.identificacion.codigoGeneracion },
    ]);
    const q = await client.consultaDte(tenant.cred, {
      nitEmisor: tenant.nit,
      tdte: '01',
      codigoGeneracion: good[0]!.identificacion.codigoGeneracion,
    });
    expect(q).toMatchObject({ kind: 'processed' });
  });

  it("refuses more than 100 documents and another emisor's NIT", async () => {
    const jws = await signDte(makeDte(tenant), tenant.cert.privateKey);
    const base = { ambiente: '00' as const, idEnvio: randomUUID().toUpperCase(), version: 1, nitEmisor: tenant.nit };
    expect(await client.recepcionLote(tenant.cred, { ...base, documentos: Array(101).fill(jws) })).toMatchObject({
      kind: 'rejected',
      status: 400,
    });
    expect(await client.recepcionLote(tenant.cred, { ...base, nitEmisor: other.nit, documentos: [jws] })).toMatchObject(
      { kind: 'rejected' },
    );
    expect(await client.consultaLote(tenant.cred, randomUUID().toUpperCase())).toMatchObject({ kind: 'not_found' });
  });
});

describe('events', () => {
  function invalidacion(
    t: TestTenant,
    target: { doc: ReturnType<typeof makeDte>; sello: string },
    tipoAnulacion: number,
    codigoGeneracionR: string | null,
  ) {
    return {
      identificacion: { version: 3, ambiente: '00', codigoGeneracion: randomUUID().toUpperCase(), ...nowSv() },
      emisor: { nit: t.nit, nombre: 'CLINICA DE PRUEBA' },
      documento: {
        tipoDte: '01',
        codigoGeneracion: target.doc.identificacion.codigoGeneracion,
        selloRecibido: target.sello,
        numeroControl: target.doc.identificacion.numeroControl,
        fecEmi: target.doc.identificacion.fecEmi,
        codigoGeneracionR,
      },
      motivo: {
        tipoAnulacion,
        motivoAnulacion: 'Error',
        nombreResponsable: 'A',
        tipDocResponsable: '13',
        numDocResponsable: '012345678',
        nombreSolicita: 'B',
        tipDocSolicita: '13',
        numDocSolicita: '012345678',
      },
    };
  }

  it('anulardte: processes a valid invalidation once, answers as MH, refuses a second one', async () => {
    const target = await processed(tenant);
    const replacement = await processed(tenant);
    const ev = invalidacion(tenant, target, 1, replacement.doc.identificacion.codigoGeneracion);
    const send = async (e: object) =>
      client.anularDte(tenant.cred, {
        ambiente: '00',
        idEnvio: 1,
        version: 3,
        documento: await signDte(e, tenant.cert.privateKey),
      });
    const out = await send(ev);
    expect(out).toMatchObject({
      kind: 'processed',
      codigoMsg: '001',
      descripcionMsg: 'Invalidación Recibida y Procesada',
      codigoGeneracion: ev.identificacion.codigoGeneracion,
      observaciones: [],
    });
    const again = invalidacion(tenant, target, 2, null);
    expect(await send(again)).toMatchObject({
      kind: 'rejected',
      descripcionMsg: expect.stringContaining('YA FUE INVALIDADO'),
    });
  });

  it('anulardte: refuses a wrong sello, a missing replacement for type 1 and a wrong signature', async () => {
    const target = await processed(tenant);
    const send = async (e: object, key = tenant.cert.privateKey) =>
      client.anularDte(tenant.cred, { ambiente: '00', idEnvio: 1, version: 3, documento: await signDte(e, key) });
    expect(await send(invalidacion(tenant, { ...target, sello: 'X'.repeat(40) }, 2, null))).toMatchObject({
      kind: 'rejected',
    });
    expect(await send(invalidacion(tenant, target, 1, null))).toMatchObject({
      kind: 'rejected',
      descripcionMsg: expect.stringContaining('codigoGeneracionR'),
    });
    expect(await send(invalidacion(tenant, target, 2, null), other.cert.privateKey)).toMatchObject({
      kind: 'rejected',
      codigoMsg: '096',
    });
    expect(await send(invalidacion(tenant, target, 2, null))).toMatchObject({ kind: 'processed' });
  });

  it('contingencia: the event is sealed, then its documents are accepted; unreported ones are not', async () => {
    const when = nowSv(new Date(Date.now() - (5 * 86_400_000) / 5)); // one day old: contingency docs are exempt
    const docs = [
      makeDte(tenant, { ...when, tipoModelo: 2, tipoOperacion: 2, tipoContingencia: 1 }),
      makeDte(tenant, { ...when, tipoModelo: 2, tipoOperacion: 2, tipoContingencia: 1 }),
    ];
    const unreported = makeDte(tenant, { tipoModelo: 2, tipoOperacion: 2, tipoContingencia: 1 });
    const send = (d: ReturnType<typeof makeDte>) =>
      recepcionRequest(tenant, d).then((r) => client.recepcionDte(tenant.cred, r));
    expect(await send(docs[0]!)).toMatchObject({ kind: 'rejected', codigoMsg: '024' });

    const event = {
      identificacion: {
        version: 4,
        ambiente: '00',
        codigoGeneracion: randomUUID().toUpperCase(),
        fTransmision: nowSv().fecEmi,
        hTransmision: nowSv().horEmi,
      },
      emisor: { nit: tenant.nit, nombre: 'CLINICA DE PRUEBA' },
      detalleDTE: docs.map((d, i) => ({
        noItem: i + 1,
        tipoDoc: '01',
        codigoGeneracion: d.identificacion.codigoGeneracion,
      })),
      motivo: {
        fInicio: when.fecEmi,
        fFin: nowSv().fecEmi,
        hInicio: '00:00:00',
        hFin: nowSv().horEmi,
        tipoContingencia: 1,
        motivoContingencia: null,
      },
    };
    const documento = await signDte(event, tenant.cert.privateKey);
    const out = await client.contingencia(tenant.cred, { nit: tenant.nit, documento });
    expect(out).toMatchObject({
      kind: 'processed',
      descripcionMsg: 'Documento recibido',
      selloRecibido: expect.stringMatching(/^[A-Z0-9]{40}$/),
      fhProcesamiento: expect.stringMatching(/^\d\d\/\d\d\/\d{4} /),
    });
    expect(await client.contingencia(tenant.cred, { nit: tenant.nit, documento })).toMatchObject({
      kind: 'rejected',
      raw: { estado: 'RECHAZADO', mensaje: 'Validaciones no superadas' },
    });
    expect(await client.contingencia(tenant.cred, { nit: other.nit, documento })).toMatchObject({ kind: 'rejected' });

    for (const d of docs) expect(await send(d)).toMatchObject({ kind: 'processed' });
    expect(await send(unreported)).toMatchObject({ kind: 'rejected', codigoMsg: '024' });
    expect(sandbox.receptions(docs[0]!.identificacion.codigoGeneracion)).toBe(2);
  });
});

describe('control over HTTP (/__sandbox)', () => {
  it('registers tenants, sets and clears faults, reports receptions and stats', async () => {
    const sb = await createMhSandbox({ validate: null });
    try {
      const t = makeTenant('00');
      const post = (path: string, body: unknown) =>
        fetch(sb.url + path, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect(
        (
          await post('/__sandbox/tenants', {
            nit: t.nit,
            password: t.cred.password,
            publicKeyPem: t.cert.publicKeyPem,
            ambiente: '00',
          })
        ).status,
      ).toBe(201);
      expect((await post('/__sandbox/faults', { fault: { rejectNext: 1 }, nit: t.nit })).status).toBe(201);
      const c = new MhClient({ baseUrl: sb.url, userAgent: 'fx-test' });
      const req = await recepcionRequest(t, makeDte(t));
      expect((await c.recepcionDte(t.cred, req)).kind).toBe('rejected');
      expect((await post('/__sandbox/faults', { fault: { status5xx: 503 } })).status).toBe(201);
      expect((await c.recepcionDte(t.cred, req)).kind).toBe('transient');
      expect((await fetch(`${sb.url}/__sandbox/faults`, { method: 'DELETE' })).status).toBe(200);
      expect((await c.recepcionDte(t.cred, req)).kind).toBe('processed');
      expect(await (await fetch(`${sb.url}/__sandbox/receptions/${req.codigoGeneracion}`)).json()).toEqual({
        codigoGeneracion: req.codigoGeneracion,
        receptions: 2,
      });
      const stats = await (await fetch(`${sb.url}/__sandbox/stats`)).json();
      expect(stats).toMatchObject({ receptions: 2, processed: 1, rejected: 1, documents: 1, authRequests: 1 });
      expect((await post('/__sandbox/tenants', { nit: 'abc' })).status).toBe(400);
    } finally {
      await sb.close();
    }
  });
});
