// Fiscal input rules through the real endpoints: payments add up, related documents are checked, unknown or
// misplaced fields are refused with a suggestion, messages cite MH's rules in words and follow Accept-Language.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp } from '../helpers/app.js';
import { waitForStatus, type PipelineTenant, startWithPipelineTenant } from '../helpers/pipeline.js';
import { example } from './graph-helpers.js';

let t: TestApp;
let tt: PipelineTenant;
beforeAll(async () => ({ t, tt } = await startWithPipelineTenant()));
afterAll(async () => t?.close());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}/api/facturas`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': tt.apiKey, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}
const codes = (r: { body: any }) => r.body.error.issues.map((i: any) => `${i.path}:${i.code}`);
const ref = () => `R-${randomBytes(5).toString('hex')}`;

function nota(documentoRelacionado: unknown[]): Record<string, unknown> {
  return {
    tipoDte: '05',
    referenciaExterna: ref(),
    receptor: {
      nombre: 'DROGUERÍA EL ALIVIO',
      numDocumento: '0614-050707-104-8',
      nrc: '123456-7',
      codActividad: '46482',
      descActividad: 'Venta al por mayor de medicamentos',
      direccion: { departamento: '05', municipio: '24', distrito: '15', complemento: 'km 30' },
    },
    documentoRelacionado,
    items: [{ descripcion: 'Devolución', cantidad: 1, precio: '10.00' }],
  };
}

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000 - 6 * 3_600_000).toISOString().slice(0, 10); // El Salvador is UTC−6
}

describe('payments must add up to the amount payable', () => {
  it('an FE of 79.50 with one payment of 1.00 is refused (nothing PROCESSED); matching payments pass', async () => {
    const bad = await post(example('01-factura', { pagos: [{ codigo: '01', monto: '1.00' }] }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues).toEqual([
      expect.objectContaining({
        path: 'resumen.pagos',
        code: 'PAGOS_SUM_MISMATCH',
        message: 'the payments add up to 1.00 but the amount payable is 79.50',
      }),
    ]);
    const ok = await post(
      example('01-factura', {
        pagos: [
          { codigo: '01', monto: '50.00' },
          { codigo: '02', monto: '29.50', referencia: 'VISA' },
        ],
      }),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await waitForStatus(t, [ok.body.id], ['PROCESSED']))[0]!.status).toBe('PROCESSED');
  });
});

describe('related documents', () => {
  const uuid = '1e3a9c55-0c1b-4f57-9b9e-4a63d1a4b2c7';
  it('an NC may relate a CCF up to 3 months old, never one dated in the future', async () => {
    const old = await post(
      nota([{ tipoDocumento: '03', tipoGeneracion: 2, numeroDocumento: uuid, fechaEmision: daysAgo(100) }]),
    );
    expect(old.status).toBe(422);
    expect(codes(old)).toEqual(['documentoRelacionado[0].fechaEmision:RELATED_DOCUMENT_TOO_OLD']);
    const future = await post(
      nota([{ tipoDocumento: '03', tipoGeneracion: 2, numeroDocumento: uuid, fechaEmision: daysAgo(-3) }]),
    );
    expect(codes(future)).toEqual(['documentoRelacionado[0].fechaEmision:RELATED_DOCUMENT_IN_FUTURE']);
  });

  it('tipoGeneracion 2 needs a codigoGeneracion (uppercased); a physical one keeps its correlative', async () => {
    const notUuid = await post(
      nota([{ tipoDocumento: '03', tipoGeneracion: 2, numeroDocumento: 'CCF-123', fechaEmision: daysAgo(5) }]),
    );
    expect(codes(notUuid)).toEqual(['documentoRelacionado[0].numeroDocumento:INVALID_CODIGO_GENERACION']);
    const ok = await post(
      nota([{ tipoDocumento: '03', tipoGeneracion: 2, numeroDocumento: uuid, fechaEmision: daysAgo(5) }]),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const doc = (await (
      await fetch(`${t.url}/api/facturas/${ok.body.id}/json`, { headers: { 'x-api-key': tt.apiKey } })
    ).json()) as any;
    expect(doc.documentoRelacionado[0].numeroDocumento).toBe(uuid.toUpperCase());
    expect(doc.cuerpoDocumento[0].numeroDocumento).toBe(uuid.toUpperCase());
    const fisico = await post(
      nota([{ tipoDocumento: '03', tipoGeneracion: 1, numeroDocumento: '0001234', fechaEmision: daysAgo(5) }]),
    );
    expect(fisico.status, JSON.stringify(fisico.body)).toBe(201);
  });

  it('the same rules hold for the documents a Comprobante de Retención relates', async () => {
    const cr = await post({
      tipoDte: '07',
      referenciaExterna: ref(),
      receptor: {
        nombre: 'Laboratorio Vida',
        tipoDocumento: '36',
        numDocumento: '0614-050707-104-8',
        nrc: '123456-7',
        codActividad: '86901',
        descActividad: 'Laboratorio',
        direccion: { departamento: '06', municipio: '23', distrito: '14', complemento: 'Calle 1' },
      },
      items: [
        {
          tipoDte: '03',
          tipoGeneracion: 2,
          numDocumento: 'not-a-uuid',
          fechaEmision: daysAgo(-2),
          montoSujetoGrav: '100.00',
        },
      ],
    });
    expect(codes(cr)).toEqual(['items[0].numDocumento:INVALID_CODIGO_GENERACION']);
  });
});

describe('unknown and misplaced fields are refused, naming the field and the closest known one', () => {
  it('typos that would change the tax', async () => {
    const body = example('01-factura', { retencionIVA: true, descuentoGlobal: { gravada: 5 } });
    body.items[1].descuentos = '2.50';
    delete body.items[1].descuento;
    body.items[0].tributos = ['20'];
    const r = await post(body);
    expect(r.status).toBe(422);
    const byPath = Object.fromEntries(r.body.error.issues.map((i: any) => [i.path, i]));
    expect(byPath['retencionIVA']).toMatchObject({
      code: 'UNKNOWN_FIELD',
      message: expect.stringContaining('did you mean retencionIva?'),
    });
    expect(byPath['descuentoGlobal.gravada']).toMatchObject({
      code: 'UNKNOWN_FIELD',
      message: expect.stringContaining('did you mean gravado?'),
    });
    expect(byPath['items[1].descuentos']).toMatchObject({
      code: 'UNKNOWN_FIELD',
      message: expect.stringContaining('did you mean descuento?'),
    });
    // IVA listed by hand on a line: the document adds IVA itself, so the line's tributo is refused, not ignored.
    const tributo = Object.entries(byPath).find(([path]) => path.startsWith('items[0].tributos'));
    expect(tributo?.[1]).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(Object.keys(byPath)).toHaveLength(4);
  });

  it('fields the chosen tipoDte does not use', async () => {
    const fe = await post(example('01-factura', { percepcionIva: true }));
    expect(fe.body.error.issues).toEqual([
      expect.objectContaining({
        path: 'percepcionIva',
        code: 'FIELD_NOT_USED_BY_TIPO',
        message: expect.stringMatching(/not used by tipoDte 01.*03/),
      }),
    ]);
    const nr = JSON.parse(
      JSON.stringify((await import('../../examples/dte/04-nota-remision.json', { with: { type: 'json' } })).default),
    );
    const r = await post({ ...nr, referenciaExterna: ref(), pagos: [{ codigo: '01' }] });
    expect(codes(r)).toEqual(['pagos:FIELD_NOT_USED_BY_TIPO']);
  });

  it('GraphQL: the same check on the typed input and its extra JSON', async () => {
    const q =
      `mutation($input: EmitInvoiceInput!) { emitInvoice(input: $input) { ` +
      `__typename ... on UserError { code issues { path code message } } } }`;
    const input = {
      referenciaExterna: ref(),
      items: [{ descripcion: 'Consulta', cantidad: '1', precio: '20', tipo: 'servicio' }],
      extra: { retencionIVA: true },
    };
    const r = await t.gql(q, { input }, { 'x-api-key': tt.apiKey });
    expect(r.body.data.emitInvoice).toMatchObject({
      __typename: 'ValidationFailed',
      issues: [{ path: 'retencionIVA', code: 'UNKNOWN_FIELD' }],
    });
  });
});

describe('messages', () => {
  it('a negative price is one error, no spurious discount error; no message cites an internal document', async () => {
    const body = example('01-factura', {
      receptor: { nombre: 'X', tipoDocumento: '13', numDocumento: '12345678-9', nrc: '1' },
    });
    body.items[0].precio = '-5';
    const r = await post(body);
    expect(codes(r)).toEqual(
      expect.arrayContaining(['items[0].precio:TOO_SMALL', 'receptor.numDocumento:INVALID_DUI_CHECK_DIGIT']),
    );
    expect(codes(r).filter((c: string) => c.startsWith('items[0]'))).toEqual(['items[0].precio:TOO_SMALL']);
    expect(JSON.stringify(r.body)).not.toMatch(/FACTS|§/);
  });

  it('Accept-Language: es gives Spanish messages (REST, GraphQL) with the same codes; English otherwise', async () => {
    const body = example('01-factura', { retencionIVA: true, pagos: [{ codigo: '01', monto: '1.00' }] });
    const en = await post(body);
    const es = await post(body, { 'accept-language': 'es-SV,es;q=0.9,en;q=0.5' });
    expect(codes(es)).toEqual(codes(en));
    expect(es.body.error.issues[0].message).toBe(
      'retencionIVA no es un campo conocido aquí; ¿quiso decir retencionIva?',
    );
    expect(en.body.error.issues[0].message).toContain('did you mean retencionIva?');
    expect(es.body.error.message).toContain('¿quiso decir retencionIva?');
    const pagos = await post(example('01-factura', { pagos: [{ codigo: '01', monto: '1.00' }] }), {
      'accept-language': 'es',
    });
    expect(pagos.body.error.issues[0].message).toBe('la suma de pagos (1.00) no coincide con el total a pagar (79.50)');
    const q =
      `mutation($input: EmitInvoiceInput!) { emitInvoice(input: $input) { ` +
      `__typename ... on UserError { code message issues { path code message } } } }`;
    const input = {
      referenciaExterna: ref(),
      receptor: { nombre: 'X', tipoDocumento: '13', numDocumento: '12345678-9' },
      items: [{ descripcion: 'C', cantidad: '1', precio: '20' }],
    };
    const g = await t.gql(q, { input }, { 'x-api-key': tt.apiKey, 'accept-language': 'es' });
    expect(g.body.data.emitInvoice.issues).toEqual([
      {
        path: 'receptor.numDocumento',
        code: 'INVALID_DUI_CHECK_DIGIT',
        message: 'numDocumento: el dígito verificador del DUI es incorrecto',
      },
    ]);
    const ge = await t.gql(q, { input }, { 'x-api-key': tt.apiKey });
    expect(ge.body.data.emitInvoice.issues[0].message).toContain('wrong DUI check digit');
    const unauth = await fetch(`${t.url}/api/facturas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'es' },
      body: '{}',
    });
    expect(((await unauth.json()) as any).error).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('credencial'),
    });
  });
});
