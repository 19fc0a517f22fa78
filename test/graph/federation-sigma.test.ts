import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invoice } from '../../src/modules/invoices/invoice.entity.js';
import { composeSigmaAndFacturaXpress } from '../../src/supergraph/compose.js';
import { startGateway } from '../../src/supergraph/gateway.js';
import { startSigmaSubgraph, type RunningSigma, type RunningSubgraph } from '../../src/supergraph/sigma-subgraph.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { tenantWithCredential, waitForStatus, type PipelineTenant } from '../helpers/pipeline.js';
import { key } from './graph-helpers.js';

// The supergraph of `npm run supergraph` (same composition code), with FacturaXpress reading the demo SIGMA server to
// server under its own credential, and a worker + the MH sandbox so emitted documents reach MH's verdict.
const SIGMA_TOKEN = `sigma-${randomBytes(8).toString('hex')}`;
let t: TestApp;
let sigma: RunningSigma;
let gateway: RunningSubgraph;
let a: PipelineTenant;

beforeAll(async () => {
  sigma = await startSigmaSubgraph();
  t = await startTestApp({ FX_SIGMA_URL: sigma.url, FX_SIGMA_TOKEN: SIGMA_TOKEN }, { worker: true });
  const { supergraphSdl, hints } = await composeSigmaAndFacturaXpress({
    sigmaUrl: sigma.url,
    fxUrl: `${t.url}/graphql`,
    sigmaFields: t.app.config.sigma.fields,
  });
  expect(hints).toEqual([]);
  gateway = await startGateway(supergraphSdl);
  a = await tenantWithCredential(t);
});
afterAll(async () => {
  await gateway?.stop();
  await sigma?.stop();
  await t?.close();
});

async function viaGateway(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = key(a.apiKey),
) {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}

const RECEPTOR = `receptor { nombre tipoDocumento numDocumento correo telefono direccion { departamento municipio
  distrito complemento }
  tipoDte valid sources { field source sigmaField } issues { path code message } warnings { code } }`;
const receptorOf = async (id: string) =>
  (await viaGateway(`query($id: ID!) { patient(id: $id) { name ${RECEPTOR} } }`, { id })).data.patient;

const EMIT = `mutation($input: EmitInvoiceInput!) { emitInvoice(input: $input) { __typename
  ... on Invoice { id status tipoDte receptor { nombre tipoDocumento numDocumento } patient { id name } }
  ... on UserError { code message issues { path code message } } } }`;
const ref = () => `FED-SIGMA-${randomBytes(5).toString('hex')}`;

describe("the graph reads SIGMA's patient: Patient.receptor through @requires", () => {
  it('a patient never pushed to FacturaXpress gets its receptor from SIGMA, each field saying so', async () => {
    const p = await receptorOf('P-1003');
    expect(p.name).toBe('José Antonio Pérez');
    expect(p.receptor).toMatchObject({
      nombre: 'José Antonio Pérez',
      tipoDocumento: '13',
      numDocumento: '045678911',
      correo: 'japerez@example.com',
      telefono: '2250-7788',
      direccion: { departamento: '06', municipio: '23', distrito: '14', complemento: 'Av. Los Próceres 12, apto 3' },
      tipoDte: '01',
      valid: true,
      issues: [],
      warnings: [],
    });
    expect(p.receptor.sources).toContainEqual({
      field: 'numDocumento',
      source: 'SIGMA',
      sigmaField: 'Patient.documentNumber',
    });
    expect(p.receptor.sources.every((s: any) => s.source === 'SIGMA')).toBe(true);
  });

  it(
    'a stored fiscal profile overrides SIGMA field by field ' +
      '(the billing data may differ from the clinical record)',
    async () => {
      const nit = '06140507071048';
      const up = await viaGateway(
        `mutation { upsertPatientFiscalProfile(patientId: "P-1001", input: { nombre: "Rivas ` +
          `Consultores", tipoDocumento: "36", numDocumento: "${nit}" }) { __typename } }`,
      );
      expect(up.data.upsertPatientFiscalProfile.__typename).toBe('FiscalProfile');
      const { receptor } = await receptorOf('P-1001');
      expect(receptor).toMatchObject({
        nombre: 'Rivas Consultores',
        tipoDocumento: '36',
        numDocumento: nit,
        correo: 'mjrivas@example.com',
        valid: true,
      });
      const source = Object.fromEntries(receptor.sources.map((s: any) => [s.field, s.source]));
      expect(source).toMatchObject({
        nombre: 'FISCAL_PROFILE',
        tipoDocumento: 'FISCAL_PROFILE',
        numDocumento: 'FISCAL_PROFILE',
        correo: 'SIGMA',
        telefono: 'SIGMA',
        direccion: 'SIGMA',
      });
    },
  );

  it('a SIGMA name change shows on the next query and the next emission', async () => {
    sigma.patients.find((p) => p.id === 'P-1003')!.name = 'José Antonio Pérez Gómez';
    try {
      expect((await receptorOf('P-1003')).receptor.nombre).toBe('José Antonio Pérez Gómez');
      const r = await viaGateway(EMIT, {
        input: {
          referenciaExterna: ref(),
          patientId: 'P-1003',
          items: [{ descripcion: 'Consulta general', cantidad: '1', precio: '35.00' }],
        },
      });
      expect(r.data.emitInvoice, JSON.stringify(r)).toMatchObject({
        __typename: 'Invoice',
        receptor: { nombre: 'José Antonio Pérez Gómez' },
      });
    } finally {
      sigma.patients.find((p) => p.id === 'P-1003')!.name = 'José Antonio Pérez';
    }
  });

  it("an invalid SIGMA document is a typed issue naming SIGMA's field, and emission refuses it", async () => {
    const { receptor } = await receptorOf('P-1004');
    expect(receptor.valid).toBe(false);
    expect(receptor.issues).toEqual([
      {
        path: 'numDocumento',
        code: 'INVALID_DUI_CHECK_DIGIT',
        message: expect.stringContaining("from SIGMA's Patient.documentNumber"),
      },
    ]);
    const referenciaExterna = ref();
    const r = await viaGateway(EMIT, {
      input: {
        referenciaExterna,
        patientId: 'P-1004',
        items: [{ descripcion: 'Consulta general', cantidad: '1', precio: '35.00' }],
      },
    });
    expect(r.data.emitInvoice).toMatchObject({
      __typename: 'ValidationFailed',
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'receptor.numDocumento', code: 'INVALID_DUI_CHECK_DIGIT' }],
    });
    expect(
      (await viaGateway(`{ invoiceByReference(referenciaExterna: "${referenciaExterna}") { id } }`)).data
        .invoiceByReference,
    ).toBeNull();
  });
});

describe('emission for any SIGMA patient in one step (FacturaXpress reads SIGMA server to server)', () => {
  it(
    'a never-pushed patient, items by SIGMA service without a ' +
      'mapping: emitted with the SIGMA receptor, PROCESSED by MH',
    async () => {
      const before = sigma.requests.length;
      const input = {
        referenciaExterna: ref(),
        patientId: 'P-1003',
        items: [
          { serviceId: 'LAB-GLUCOSA', precio: '8.50' },
          { serviceId: 'FARM-ACETAMINOFEN-500', precio: '3.25', cantidad: '2' },
        ],
      };
      const r = await viaGateway(EMIT, { input });
      expect(r.data.emitInvoice).toMatchObject({
        __typename: 'Invoice',
        tipoDte: '01',
        receptor: { nombre: 'José Antonio Pérez', tipoDocumento: '13', numDocumento: '045678911' },
        patient: { id: 'P-1003', name: 'José Antonio Pérez' },
      });
      const fx = sigma.requests.slice(before).filter((h) => h.authorization === `Bearer ${SIGMA_TOKEN}`);
      expect(fx.length).toBeGreaterThanOrEqual(2); // the patient and the services, with FacturaXpress's own credential
      expect(fx.every((h) => h['x-tenant-id'] === a.tenantId)).toBe(true);
      const [done] = await waitForStatus(t, [r.data.emitInvoice.id], ['PROCESSED', 'REJECTED']);
      expect(done!.status).toBe('PROCESSED');
      const doc = (await t.app.db.orm.em.fork().findOneOrFail(Invoice, { id: done!.id }, { filters: false }))
        .document as any;
      expect(doc.receptor).toMatchObject({
        nombre: 'José Antonio Pérez',
        correo: 'japerez@example.com',
        direccion: { departamento: '06', municipio: '23', distrito: '14' },
      });
      expect(doc.cuerpoDocumento.map((i: any) => [i.descripcion, i.tipoItem])).toEqual([
        ['Glucosa en ayunas', 2],
        ['Acetaminofén 500 mg, caja de 10 tabletas', 1],
      ]);
    },
  );

  it('REST POST /api/facturas with a patientId takes the same path', async () => {
    const res = await fetch(`${t.url}/api/facturas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...key(a.apiKey) },
      body: JSON.stringify({
        referenciaExterna: ref(),
        patientId: 'P-1003',
        items: [{ descripcion: 'Consulta general', cantidad: 1, precio: 35 }],
      }),
    });
    expect(res.status).toBe(201);
    const bad = await fetch(`${t.url}/api/facturas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...key(a.apiKey) },
      body: JSON.stringify({
        referenciaExterna: ref(),
        patientId: 'P-1004',
        items: [{ descripcion: 'Consulta general', cantidad: 1, precio: 35 }],
      }),
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as any).error.issues).toEqual([
      expect.objectContaining({ path: 'receptor.numDocumento', code: 'INVALID_DUI_CHECK_DIGIT' }),
    ]);
  });

  it('a patient SIGMA does not know and with no profile is NOT_FOUND on patientId', async () => {
    const r = await viaGateway(EMIT, {
      input: {
        referenciaExterna: ref(),
        patientId: 'P-9999',
        items: [{ descripcion: 'Consulta', cantidad: '1', precio: '10.00' }],
      },
    });
    expect(r.data.emitInvoice).toMatchObject({
      __typename: 'NotFound',
      issues: [{ path: 'patientId', code: 'NOT_FOUND' }],
    });
  });
});

describe('Service.fiscal defaults from SIGMA until a mapping is stored', () => {
  it('lab exams and consultations are services, pharmacy items goods; a stored mapping wins', async () => {
    await viaGateway(
      `mutation { mapServiceFiscal(serviceId: "LAB-HEMO", input: { ` +
        `descripcion: "Hemograma completo", precio: "11.30" }) { __typename } }`,
    );
    const r = await viaGateway(
      `{ services { id fiscal { source descripcion tipoItem uniMedida tipo tributos precio } } }`,
    );
    const by = Object.fromEntries(r.data.services.map((s: any) => [s.id, s.fiscal]));
    expect(by['LAB-HEMO']).toMatchObject({
      source: 'MAPPING',
      descripcion: 'Hemograma completo',
      precio: '11.30000000',
    });
    expect(by['LAB-GLUCOSA']).toEqual({
      source: 'SIGMA_DEFAULT',
      descripcion: 'Glucosa en ayunas',
      tipoItem: 2,
      uniMedida: 59,
      tipo: 'gravado',
      tributos: ['20'],
      precio: null,
    });
    expect(by['SVC-CONSULTA-CARDIO']).toMatchObject({ source: 'SIGMA_DEFAULT', tipoItem: 2 });
    expect(by['FARM-ACETAMINOFEN-500']).toMatchObject({
      source: 'SIGMA_DEFAULT',
      descripcion: 'Acetaminofén 500 mg, caja de 10 tabletas',
      tipoItem: 1,
    });
  });
});

describe('an auth failure in FacturaXpress never erases SIGMA data', () => {
  it(
    "without a key: SIGMA's patient is there, FacturaXpress's " +
      'fields are null with UNAUTHENTICATED, and no stack trace',
    async () => {
      const r = await viaGateway(
        `{ patient(id: "P-1001") { name documentNumber fiscalProfile { nombre ` +
          `} ${RECEPTOR} invoices { totalCount } } services { name fiscal { source } } }`,
        {},
        {},
      );
      expect(r.data.patient).toEqual({
        name: 'María José Rivas',
        documentNumber: '12345678-4',
        fiscalProfile: null,
        receptor: null,
        invoices: null,
      });
      expect(r.data.services.map((s: any) => s.fiscal)).toEqual(r.data.services.map(() => null));
      expect(r.errors.map((e: any) => e.extensions.code)).toContain('UNAUTHENTICATED');
      expect(JSON.stringify(r.errors)).not.toMatch(/stacktrace|exception|\bat .*\.js:\d+/);
    },
  );
});
