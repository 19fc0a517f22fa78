import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphSdl } from '../../src/schema.js';
import { composeSupergraph, startGateway } from '../../src/supergraph/gateway.js';
import { sigmaTypeDefs, startSigmaSubgraph, type RunningSubgraph } from '../../src/supergraph/sigma-subgraph.js';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';
import { emit, key } from './graph-helpers.js';

let t: TestApp;
let sigma: RunningSubgraph;
let gateway: RunningSubgraph;
let hints: { code: string; message: string }[];
let a: { tenantId: string; apiKey: string };
let b: { tenantId: string; apiKey: string };
let invoiceId: string;

beforeAll(async () => {
  t = await startTestApp();
  sigma = await startSigmaSubgraph();
  const composed = composeSupergraph([
    { name: 'sigma', url: sigma.url, sdl: sigmaTypeDefs() },
    { name: 'facturaxpress', url: `${t.url}/graphql`, sdl: await subgraphSdl() },
  ]);
  hints = composed.hints;
  gateway = await startGateway(composed.supergraphSdl);
  [a, b] = await Promise.all([provisionTenant(t), provisionTenant(t)]);
  await t.gql(
    `mutation { upsertPatientFiscalProfile(patientId: "P-1001", input: { nombre: "María ` +
      `José Rivas", tipoDocumento: "13", numDocumento: "12345678-4" }) { __typename } }`,
    {},
    key(a.apiKey),
  );
  await t.gql(
    `mutation { mapServiceFiscal(serviceId: "LAB-HEMO", input: { ` +
      `descripcion: "Hemograma completo", precio: "11.30" }) { __typename } }`,
    {},
    key(a.apiKey),
  );
  invoiceId = (
    await emit(t, a.apiKey, { referenciaExterna: 'FED-1', patientId: 'P-1001', items: [{ serviceId: 'LAB-HEMO' }] })
  ).id;
});
afterAll(async () => {
  await gateway?.stop();
  await sigma?.stop();
  await t?.close();
});

async function viaGateway(query: string, headers: Record<string, string>) {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as any;
}

const PATIENT =
  `{ patient(id: "P-1001") { name fiscalProfile { numDocumento } ` +
  `invoices { edges { node { numeroControl status pdfUrl } } } } }`;

describe('the supergraph: SIGMA + FacturaXpress through @apollo/gateway', () => {
  it('composes without hints', () => {
    expect(hints).toEqual([]);
  });

  it('answers the one patient query: SIGMA fields + fiscal profile + invoices', async () => {
    const r = await viaGateway(PATIENT, key(a.apiKey));
    expect(r.errors).toBeUndefined();
    expect(r.data.patient).toMatchObject({ name: 'María José Rivas', fiscalProfile: { numDocumento: '12345678-4' } });
    expect(r.data.patient.invoices.edges).toEqual([
      {
        node: {
          numeroControl: expect.stringMatching(/^DTE-01-/),
          status: 'QUEUED',
          pdfUrl: expect.stringContaining(`/documents/${invoiceId}.pdf?token=`),
        },
      },
    ]);
  });

  it("an invoice's patient resolves to SIGMA's Patient", async () => {
    const r = await viaGateway(
      `{ invoiceByReference(referenciaExterna: "FED-1") { tipoDte patient { id name medicalRecordNumber } } }`,
      key(a.apiKey),
    );
    expect(r.data.invoiceByReference).toEqual({
      tipoDte: '01',
      patient: { id: 'P-1001', name: 'María José Rivas', medicalRecordNumber: 'HC-2024-0117' },
    });
    expect(
      (await viaGateway(`{ invoiceByReference(referenciaExterna: "FED-1") { id } }`, key(b.apiKey))).data
        .invoiceByReference,
    ).toBeNull();
  });

  it("services with their fiscal mapping, or SIGMA's default until one is stored", async () => {
    const r = await viaGateway(
      `{ services(area: LAB) { id name fiscal { source tipoItem uniMedida tipo tributos precio } } }`,
      key(a.apiKey),
    );
    expect(r.data.services).toEqual([
      {
        id: 'LAB-HEMO',
        name: 'Hemograma completo',
        fiscal: {
          source: 'MAPPING',
          tipoItem: 2,
          uniMedida: 59,
          tipo: 'gravado',
          tributos: ['20'],
          precio: '11.30000000',
        },
      },
      {
        id: 'LAB-GLUCOSA',
        name: 'Glucosa en ayunas',
        fiscal: {
          source: 'SIGMA_DEFAULT',
          tipoItem: 2,
          uniMedida: 59,
          tipo: 'gravado',
          tributos: ['20'],
          precio: null,
        },
      },
    ]);
  });

  it("another tenant's credential sees SIGMA's fields but none of the first tenant's fiscal data", async () => {
    const r = await viaGateway(PATIENT, key(b.apiKey));
    expect(r.data.patient).toEqual({ name: 'María José Rivas', fiscalProfile: null, invoices: { edges: [] } });
    const s = await viaGateway(`{ services { fiscal { source precio } } }`, key(b.apiKey));
    expect(s.data.services.every((x: any) => x.fiscal.source === 'SIGMA_DEFAULT' && x.fiscal.precio === null)).toBe(
      true,
    );
  });

  it("without a credential the fiscal fields are refused, not leaked, and SIGMA's own data stays", async () => {
    const r = await viaGateway(PATIENT, {});
    expect(r.data.patient).toEqual({ name: 'María José Rivas', fiscalProfile: null, invoices: null });
    expect(JSON.stringify(r.errors)).toContain('UNAUTHENTICATED');
  });
});
