import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSigmaAndFacturaXpress } from '../../src/supergraph/compose.js';
import { startGateway } from '../../src/supergraph/gateway.js';
import { startSigmaSubgraph, type RunningSigma, type RunningSubgraph } from '../../src/supergraph/sigma-subgraph.js';
import { provisionTenant, startTestApp, type TestApp } from '../helpers/app.js';
import { MINIMAL_SIGMA } from '../helpers/sigma.js';
import { key } from './graph-helpers.js';

// FX_SIGMA_FIELDS=none against a SIGMA whose Patient and Service have only their id; the gateway as in development.
let t: TestApp;
let sigma: RunningSigma;
let gateway: RunningSubgraph;
let a: { apiKey: string };

beforeAll(async () => {
  sigma = await startSigmaSubgraph({ typeDefs: MINIMAL_SIGMA, stackTraces: true });
  t = await startTestApp({ FX_SIGMA_FIELDS: 'none' });
  const { supergraphSdl, hints } = await composeSigmaAndFacturaXpress({
    sigmaUrl: sigma.url,
    sigmaSdl: MINIMAL_SIGMA,
    fxUrl: `${t.url}/graphql`,
    sigmaFields: t.app.config.sigma.fields,
  });
  expect(hints).toEqual([]);
  gateway = await startGateway(supergraphSdl, { stackTraces: true });
  a = await provisionTenant(t);
});
afterAll(async () => {
  await gateway?.stop();
  await sigma?.stop();
  await t?.close();
});

async function viaGateway(
  query: string,
  headers: Record<string, string> = key(a.apiKey),
  variables: Record<string, unknown> = {},
) {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}

const RECEPTOR =
  `{ patient(id: "P-1003") { id receptor { nombre numDocumento valid ` +
  `sources { field source } issues { code } warnings { code message } } } }`;

describe('with no SIGMA field configured', () => {
  it('the receptor needs the stored profile, and says so', async () => {
    const r = await viaGateway(RECEPTOR);
    expect(r.errors).toBeUndefined();
    expect(r.data.patient.receptor).toMatchObject({
      nombre: null,
      numDocumento: null,
      valid: true,
      sources: [],
      issues: [],
    });
    expect(r.data.patient.receptor.warnings).toEqual([
      { code: 'NO_RECEPTOR_DATA', message: expect.stringMatching(/FX_SIGMA_FIELDS.*needs the stored fiscal profile/) },
    ]);
  });

  it('with a stored profile, every field comes from it', async () => {
    await viaGateway(
      `mutation { upsertPatientFiscalProfile(patientId: "P-1003", input: { nombre: "José ` +
        `Antonio Pérez", tipoDocumento: "13", numDocumento: "04567891-1" }) { __typename } }`,
    );
    const r = await viaGateway(RECEPTOR);
    expect(r.data.patient.receptor).toMatchObject({
      nombre: 'José Antonio Pérez',
      numDocumento: '045678911',
      valid: true,
      warnings: [],
    });
    expect(r.data.patient.receptor.sources.every((s: any) => s.source === 'FISCAL_PROFILE')).toBe(true);
  });

  it('unmapped services have no fiscal default', async () => {
    const r = await viaGateway(`{ service(id: "LAB-GLUCOSA") { id fiscal { source } } }`);
    expect(r.data.service).toEqual({ id: 'LAB-GLUCOSA', fiscal: null });
  });

  it('emission by patientId takes the stored profile (no SIGMA lookup configured)', async () => {
    const input = {
      referenciaExterna: `MIN-${randomBytes(4).toString('hex')}`,
      patientId: 'P-1003',
      items: [{ descripcion: 'Consulta', cantidad: '1', precio: '10.00' }],
    };
    const r = await viaGateway(
      `mutation($i: EmitInvoiceInput!) { emitInvoice(input: $i) ` +
        `{ __typename ... on Invoice { receptor { nombre } } } }`,
      key(a.apiKey),
      { i: input },
    );
    expect(r.data.emitInvoice).toEqual({ __typename: 'Invoice', receptor: { nombre: 'José Antonio Pérez' } });
    expect(sigma.requests.some((h) => h.authorization?.startsWith('Bearer '))).toBe(false);
  });

  it('a gateway in development still gives no stack trace for a subgraph error (no key)', async () => {
    const r = await viaGateway(RECEPTOR, {});
    expect(r.data.patient).toEqual({ id: 'P-1003', receptor: null });
    expect(r.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(r.errors)).not.toMatch(/stacktrace|exception/);
  });
});
