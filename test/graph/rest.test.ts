import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant, startWithTwoTenants, type TestApp, type Provisioned } from '../helpers/app.js';
import { example, rest } from './graph-helpers.js';

let t: TestApp;
let a: Provisioned;
let b: Provisioned;
beforeAll(async () => ({ t, a, b } = await startWithTwoTenants()));
afterAll(async () => t?.close());

describe('POST /api/facturas', () => {
  it('accepts the documented example body: 201, then 200 on an identical replay, 409 on a different body', async () => {
    const body = example('01-factura');
    const created = await rest(t, 'POST', '/api/facturas', a.apiKey, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      tipoDte: '01',
      status: 'QUEUED',
      referenciaExterna: body.referenciaExterna,
      totalPagar: '79.50',
    });
    expect(created.body.pdfUrl).toContain(`/documents/${created.body.id}.pdf?token=`);
    // A POST is never answered conditionally: JSON with its length, no ETag.
    expect(created.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(created.headers.get('content-length'))).toBe(Buffer.byteLength(JSON.stringify(created.body)));
    expect(created.headers.get('etag')).toBeNull();
    const replay = await rest(t, 'POST', '/api/facturas', a.apiKey, body);
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(created.body.id);
    const dup = await rest(t, 'POST', '/api/facturas', a.apiKey, { ...body, observaciones: 'x' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'DUPLICATE_REFERENCE', issues: [{ path: 'referenciaExterna' }] });
    expect(dup.body.error.requestId).toBe(dup.headers.get('x-request-id'));
  });

  it('maps codes to statuses: 422 validation, 401 no credential, 403 scope, 400 bad JSON, 413 too large', async () => {
    const bad = await rest(t, 'POST', '/api/facturas', a.apiKey, example('01-factura', { items: [] }));
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'items', code: 'TOO_FEW' }] });
    expect((await rest(t, 'POST', '/api/facturas', null, example('01-factura'))).status).toBe(401);
    const ro = await provisionTenant(t, ['invoices:read']);
    expect((await rest(t, 'POST', '/api/facturas', ro.apiKey, example('01-factura'))).body.error.code).toBe(
      'FORBIDDEN',
    );
    expect((await rest(t, 'POST', '/api/facturas', a.apiKey, '{"items": [')).status).toBe(400);
    const huge = await rest(
      t,
      'POST',
      '/api/facturas',
      a.apiKey,
      example('01-factura', { observaciones: 'x'.repeat(1_100_000) }),
    );
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', requestId: expect.any(String) });
  });

  it('refuses more items than an invoice may carry before any work', async () => {
    const items = Array.from({ length: 2001 }, (_, i) => ({ descripcion: `i${i}`, cantidad: 1, precio: 1 }));
    const r = await rest(t, 'POST', '/api/facturas', a.apiKey, example('01-factura', { items }));
    expect(r.status).toBe(422);
    expect(r.body.error.issues).toEqual([
      { path: 'items', code: 'TOO_MANY', message: expect.stringContaining('2000') },
    ]);
  });
});

describe('GET /api/facturas/:id', () => {
  it('returns the invoice and its document to its tenant; 404 to another tenant (also /pdf and /json)', async () => {
    const created = await rest(t, 'POST', '/api/facturas', a.apiKey, example('01-factura'));
    const got = await rest(t, 'GET', `/api/facturas/${created.body.id}`, a.apiKey);
    expect(got.status).toBe(200);
    expect(got.body.document.identificacion.numeroControl).toBe(created.body.numeroControl);
    for (const suffix of ['', '/pdf', '/json']) {
      const probe = await rest(t, 'GET', `/api/facturas/${created.body.id}${suffix}`, b.apiKey);
      expect(probe.status).toBe(404);
      expect(probe.body.error.code).toBe('NOT_FOUND');
    }
    const pdf = await fetch(`${t.url}/api/facturas/${created.body.id}/pdf`, { headers: { 'x-api-key': a.apiKey } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const json = await rest(t, 'GET', `/api/facturas/${created.body.id}/json`, a.apiKey);
    expect(json.body.identificacion.codigoGeneracion).toBe(created.body.codigoGeneracion);
  });
});

describe('POST /api/receptores and GET /api/catalogos/:name', () => {
  it('stores the receptor as the patient fiscal profile; invalid documents are 422 with field paths', async () => {
    const ok = await rest(t, 'POST', '/api/receptores', a.apiKey, {
      patientId: 'SIGMA-77',
      nombre: 'María José Rivas',
      tipoDocumento: '13',
      numDocumento: '12345678-4',
      correo: 'mj@example.com',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ patientId: 'SIGMA-77', numDocumento: '12345678-4' });
    const bad = await rest(t, 'POST', '/api/receptores', a.apiKey, {
      nombre: 'X',
      tipoDocumento: '13',
      numDocumento: '12345678-9',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues.map((i: any) => i.path)).toEqual(['patientId']);
    const bad2 = await rest(t, 'POST', '/api/receptores', a.apiKey, {
      patientId: 'SIGMA-78',
      nombre: 'X',
      tipoDocumento: '13',
      numDocumento: '12345678-9',
    });
    expect(bad2.body.error.issues).toEqual([
      expect.objectContaining({ path: 'numDocumento', code: 'INVALID_DUI_CHECK_DIGIT' }),
    ]);
    const inv = await rest(t, 'POST', '/api/facturas', a.apiKey, {
      referenciaExterna: 'R-77',
      patientId: 'SIGMA-77',
      items: [{ descripcion: 'Consulta', precio: '30', cantidad: 1 }],
    });
    expect(inv.status).toBe(201);
    expect(inv.body.patientId).toBe('SIGMA-77');
    const doc = await rest(t, 'GET', `/api/facturas/${inv.body.id}`, a.apiKey);
    expect(doc.body.document.receptor).toMatchObject({
      nombre: 'María José Rivas',
      tipoDocumento: '13',
      numDocumento: expect.stringMatching(/^12345678-?4$/),
    });
  });

  it('serves MH catalogs by CAT number or name; unknown → 404; needs a credential', async () => {
    const byNum = await rest(t, 'GET', '/api/catalogos/CAT-017', a.apiKey);
    expect(byNum.body.items).toContainEqual({ codigo: '02', valor: 'Tarjeta Débito' });
    const byName = await rest(t, 'GET', '/api/catalogos/municipios', a.apiKey);
    expect(byName.body.catalogo).toBe('CAT-013');
    expect(byName.body.items[0]).toHaveProperty('departamento');
    expect((await rest(t, 'GET', '/api/catalogos', a.apiKey)).body).toHaveLength(33);
    expect((await rest(t, 'GET', '/api/catalogos/nope', a.apiKey)).status).toBe(404);
    expect((await rest(t, 'GET', '/api/catalogos/CAT-017', null)).status).toBe(401);
  });
});
