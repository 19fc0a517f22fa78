// SIGMA's requests as they are: the integration contract's own body and the v1.0 guide's body, through the real REST
// and GraphQL endpoints, the worker and the MH sandbox over HTTP.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp } from '../helpers/app.js';
import { Invoice } from '../../src/modules/invoices/invoice.entity.js';
import { reload, waitForStatus, type PipelineTenant, startWithPipelineTenant } from '../helpers/pipeline.js';

let t: TestApp;
let tt: PipelineTenant;
beforeAll(async () => ({ t, tt } = await startWithPipelineTenant()));
afterAll(async () => t?.close());

const ref = (p: string) => `${p}-${randomBytes(5).toString('hex')}`;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': tt.apiKey, 'x-tenant-id': tt.tenantId, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function get(path: string) {
  const res = await fetch(`${t.url}${path}`, { headers: { 'x-api-key': tt.apiKey, 'x-tenant-id': tt.tenantId } });
  return { status: res.status, body: (await res.json()) as any };
}

/** examples/sigma: the integration contract's example and the v1.0 guide's, exactly as written there. */
function exampleBody(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../examples/sigma/${name}.json`, import.meta.url), 'utf8'));
}
function contractBody(referenciaExterna = ref('CONSULTA')) {
  return { ...exampleBody('contrato-consulta'), referenciaExterna };
}
function v1Body(externalId = ref('CONSULTA')) {
  return { ...exampleBody('v1-consulta'), externalId };
}

describe('the contract body (x-tenant-id, items[].tipo = nature, 00000000-0)', () => {
  it('gives 201, ends PROCESSED as an FE to a consumidor final without document, says so in warnings', async () => {
    const r = await post('/api/facturas', contractBody());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ tipoDte: '01', status: 'QUEUED', estado: 'generada', totalPagar: '35.00' });
    expect(r.body.warnings).toEqual([
      expect.objectContaining({ path: 'receptor.numDocumento', code: 'CONSUMIDOR_FINAL_SIN_DOCUMENTO' }),
    ]);
    const [done] = await waitForStatus(t, [r.body.id], ['PROCESSED']);
    expect(done!.status).toBe('PROCESSED');
    expect(done!.document['receptor']).toMatchObject({
      nombre: 'Juan Pérez',
      tipoDocumento: null,
      numDocumento: null,
      correo: 'juan@email.com',
    });
    expect((done!.document['cuerpoDocumento'] as any[])[0]).toMatchObject({ tipoItem: 2, ventaGravada: 35 });
    const read = await get(`/api/facturas/${r.body.id}`);
    expect(read.body).toMatchObject({
      status: 'PROCESSED',
      estado: 'sellada',
      warnings: [expect.objectContaining({ code: 'CONSUMIDOR_FINAL_SIN_DOCUMENTO' })],
    });
  });

  it(
    'reads bien/ambos/otro and numeric codes as tipoItem, the ' +
      'treatment from tratamientoFiscal; a treatment in tipo is refused',
    async () => {
      const body = {
        referenciaExterna: ref('NAT'),
        items: [
          { descripcion: 'Jeringas', cantidad: 2, precio: 1.5, tipo: 'bien' },
          { descripcion: 'Kit y aplicación', cantidad: 1, precio: 10, tipo: 'ambos', tratamientoFiscal: 'exento' },
          { descripcion: 'Consulta', cantidad: 1, precio: 20, tipo: 2 },
        ],
      };
      const r = await post('/api/facturas', body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      const inv = await reload(t, r.body.id);
      expect(
        (inv.document['cuerpoDocumento'] as any[]).map((l) => [l.tipoItem, l.ventaGravada, l.ventaExenta]),
      ).toEqual([
        [1, 3, 0],
        [3, 0, 10],
        [2, 20, 0],
      ]);
      const bad = await post('/api/facturas', {
        referenciaExterna: ref('NAT'),
        items: [{ descripcion: 'x', cantidad: 1, precio: 1, tipo: 'exento' }],
      });
      expect(bad.status).toBe(422);
      expect(bad.body.error.issues).toEqual([
        expect.objectContaining({
          path: 'items[0].tipo',
          code: 'TAX_TREATMENT_IN_TIPO',
          message: expect.stringContaining('tratamientoFiscal'),
        }),
      ]);
    },
  );

  it('refuses an all-zero document at or above the identification threshold', async () => {
    const body = {
      ...contractBody(),
      items: [{ descripcion: 'Cirugía', cantidad: 1, precio: 25000, tipo: 'servicio' }],
    };
    const r = await post('/api/facturas', body);
    expect(r.status).toBe(422);
    expect(r.body.error.issues).toEqual([
      expect.objectContaining({
        path: 'receptor.numDocumento',
        code: 'RECEPTOR_IDENTIFICATION_REQUIRED',
        message: expect.stringContaining('identification'),
      }),
    ]);
  });

  it('GraphQL emitInvoice takes the same body (tipo as nature) and returns the warnings and estado', async () => {
    const q = `mutation($input: EmitInvoiceInput!) { emitInvoice(input: $input) { __typename
      ... on Invoice { id estado warnings { path code message } } ... on UserError { code issues { path code } } } }`;
    const r = await t.gql(q, { input: contractBody() }, { 'x-api-key': tt.apiKey, 'x-tenant-id': tt.tenantId });
    expect(r.body.data.emitInvoice).toMatchObject({
      __typename: 'Invoice',
      estado: 'generada',
      warnings: [{ path: 'receptor.numDocumento', code: 'CONSUMIDOR_FINAL_SIN_DOCUMENTO' }],
    });
    const [done] = await waitForStatus(t, [r.body.data.emitInvoice.id], ['PROCESSED']);
    expect(done!.status).toBe('PROCESSED');
  });
});

describe('the v1.0 body (externalId, cuerpoDocumento, resumen, pre-2024 municipio)', () => {
  it('gives 201 and ends PROCESSED; the old San Salvador address becomes municipio 23 + distrito 14', async () => {
    const body = v1Body();
    const r = await post('/api/facturas', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      referenciaExterna: body.externalId,
      status: 'QUEUED',
      estado: 'generada',
      totalPagar: '35.00',
    });
    expect(r.body.warnings).toEqual([
      expect.objectContaining({ path: 'receptor.direccion', code: 'DIRECCION_COMPLETED' }),
    ]);
    const [done] = await waitForStatus(t, [r.body.id], ['PROCESSED']);
    expect(done!.status).toBe('PROCESSED');
    expect((done!.document['receptor'] as any).direccion).toEqual({
      departamento: '06',
      municipio: '23',
      distrito: '14',
      complemento: 'Col. Médica...',
    });
    expect((await get(`/api/facturas/${r.body.id}`)).body.estado).toBe('sellada');
    const replay = await post('/api/facturas', body);
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(r.body.id);
  });

  it('cross-checks the amounts the client computed: a mismatch names both values, nothing is written', async () => {
    const body = v1Body();
    body.cuerpoDocumento[0]!.ventaGravada = 30;
    body.resumen.totalPagar = 34.99;
    const r = await post('/api/facturas', body);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.issues).toEqual([
      expect.objectContaining({
        path: 'cuerpoDocumento[0].ventaGravada',
        code: 'AMOUNT_MISMATCH',
        message: 'cuerpoDocumento[0].ventaGravada is 30.00 but the engine computes 35.00',
      }),
    ]);
    const off = v1Body();
    off.resumen.totalPagar = 40;
    const r2 = await post('/api/facturas', off);
    expect(r2.body.error.issues).toEqual([
      expect.objectContaining({
        path: 'resumen.totalPagar',
        code: 'AMOUNT_MISMATCH',
        message: expect.stringMatching(/40\.00.*35\.00/),
      }),
    ]);
    const written = await t.app.db.orm.em
      .fork()
      .count(Invoice, { referenciaExterna: { $in: [body.externalId, off.externalId] } }, { filters: false });
    expect(written).toBe(0);
  });

  it(
    'names v1.0 fields in its errors, suggests the closest ' +
      'known one, and uses the same codes as the contract body',
    async () => {
      const body = v1Body() as any;
      body.cuerpoDocumento[0].precioUnit = 35;
      delete body.cuerpoDocumento[0].precioUni;
      body.resumen.condicionOperacion = '9';
      const r = await post('/api/facturas', body);
      expect(r.status).toBe(422);
      expect(r.body.error.issues).toEqual([
        expect.objectContaining({
          path: 'cuerpoDocumento[0].precioUnit',
          code: 'UNKNOWN_FIELD',
          message: expect.stringContaining('did you mean precioUni?'),
        }),
      ]);
      delete body.cuerpoDocumento[0].precioUnit;
      body.cuerpoDocumento[0].precioUni = 35;
      const r2 = await post('/api/facturas', body);
      expect(r2.body.error.issues).toEqual([
        expect.objectContaining({ path: 'resumen.condicionOperacion', code: 'UNKNOWN_CODE' }),
      ]);
    },
  );

  it('an address the catalogs cannot complete is refused precisely (contract body, POST /api/receptores)', async () => {
    const amb = contractBody() as any;
    amb.receptor = { nombre: 'Ana', direccion: { departamento: '06', municipio: '23', complemento: 'Calle 1' } };
    const r = await post('/api/facturas', amb);
    expect(r.status).toBe(422);
    expect(r.body.error.issues).toEqual([
      expect.objectContaining({
        path: 'receptor.direccion.distrito',
        code: 'DISTRITO_REQUIRED',
        message: expect.stringContaining('14'),
      }),
    ]);
    const conflict = await post('/api/receptores', {
      patientId: 'P-9',
      nombre: 'Ana',
      direccion: { departamento: '06', municipio: '14', distrito: '05', complemento: 'Calle 1' },
    });
    expect(conflict.body.error.issues).toEqual([
      expect.objectContaining({ path: 'direccion.municipio', code: 'LEGACY_MUNICIPIO_CONFLICT' }),
    ]);
    const ok = await post('/api/receptores', {
      patientId: 'P-9',
      nombre: 'Ana',
      direccion: { departamento: '06', municipio: '14', complemento: 'Calle 1' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.direccion).toEqual({ departamento: '06', municipio: '23', distrito: '14', complemento: 'Calle 1' });
  });
});
