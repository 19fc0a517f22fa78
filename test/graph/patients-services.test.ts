import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithTwoTenants, type TestApp, type Provisioned } from '../helpers/app.js';
import { emit, example, key } from './graph-helpers.js';

let t: TestApp;
let a: Provisioned;
let b: Provisioned;
beforeAll(async () => ({ t, a, b } = await startWithTwoTenants()));
afterAll(async () => t?.close());

const UPSERT = `mutation($p: ID!, $i: FiscalProfileInput!) { upsertPatientFiscalProfile(patientId: $p, input: $i) {
  __typename ... on FiscalProfile { tipoDocumento numDocumento nrc nombre descActividad }
    ... on UserError { code issues { path code } } } }`;
const MAP = `mutation($s: ID!, $i: ServiceFiscalInput!) { mapServiceFiscal(serviceId: $s, input: $i) {
  __typename ... on ServiceFiscalMapping { descripcion tipoItem uniMedida tipo tributos precio }
    ... on UserError { code issues { path code } } } }`;
const PATIENT =
  `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Patient { id fiscalProfile ` +
  `{ nombre numDocumento } invoices { totalCount edges { node { id tipoDte } } } } } }`;
const SERVICE =
  `query($reps: [_Any!]!) { _entities(representations: $reps) { ` +
  `... on Service { id fiscal { descripcion precio tipo } } } }`;

const CONTRIBUYENTE = {
  nombre: 'DROGUERÍA EL ALIVIO, S.A. DE C.V.',
  tipoDocumento: '36',
  numDocumento: '0614-050707-104-8',
  nrc: '123456-7',
  codActividad: '46482',
  direccion: { departamento: '05', municipio: '24', distrito: '15', complemento: 'San Juan Opico' },
  correo: 'compras@elalivio.com.sv',
};

describe('Patient.fiscalProfile and upsertPatientFiscalProfile', () => {
  it('validates NIT / DUI / NRC and catalogs, naming each field', async () => {
    const r = await t.gql(
      UPSERT,
      {
        p: 'P-1',
        i: {
          nombre: 'X',
          tipoDocumento: '13',
          numDocumento: '12345678-9',
          nrc: 'abc',
          codActividad: '99999',
          direccion: { departamento: '06', municipio: '99', distrito: '14', complemento: 'x' },
        },
      },
      key(a.apiKey),
    );
    const res = r.body.data.upsertPatientFiscalProfile;
    expect(res.__typename).toBe('ValidationFailed');
    const got = res.issues.map((i: any) => `${i.path}:${i.code}`);
    expect(got).toEqual(
      expect.arrayContaining([
        'numDocumento:INVALID_DUI_CHECK_DIGIT',
        'nrc:INVALID_NRC_FORMAT',
        'codActividad:UNKNOWN_CODE',
        'tipoDocumento:NIT_REQUIRED_WITH_NRC',
      ]),
    );
    expect(got.some((g: string) => g.startsWith('direccion.'))).toBe(true);
    const nit = await t.gql(
      UPSERT,
      { p: 'P-1', i: { nombre: 'X', tipoDocumento: '36', numDocumento: '06140507071049' } },
      key(a.apiKey),
    );
    expect(nit.body.data.upsertPatientFiscalProfile.issues[0]).toEqual({
      path: 'numDocumento',
      code: 'INVALID_NIT_CHECK_DIGIT',
    });
  });

  it('upserts (one profile per patient), resolves through _entities, and is invisible to another tenant', async () => {
    const first = await t.gql(
      UPSERT,
      { p: 'P-2', i: { nombre: 'María José Rivas', tipoDocumento: '13', numDocumento: '12345678-4' } },
      key(a.apiKey),
    );
    expect(first.body.data.upsertPatientFiscalProfile).toMatchObject({
      __typename: 'FiscalProfile',
      numDocumento: '12345678-4',
    });
    const second = await t.gql(UPSERT, { p: 'P-2', i: CONTRIBUYENTE }, key(a.apiKey));
    expect(second.body.data.upsertPatientFiscalProfile).toMatchObject({
      numDocumento: '06140507071048',
      nrc: '1234567',
      descActividad: expect.any(String),
    });
    const mine = await t.gql(PATIENT, { reps: [{ __typename: 'Patient', id: 'P-2' }] }, key(a.apiKey));
    expect(mine.body.data._entities[0].fiscalProfile).toEqual({
      nombre: CONTRIBUYENTE.nombre,
      numDocumento: '06140507071048',
    });
    const theirs = await t.gql(PATIENT, { reps: [{ __typename: 'Patient', id: 'P-2' }] }, key(b.apiKey));
    expect(theirs.body.data._entities[0]).toEqual({
      id: 'P-2',
      fiscalProfile: null,
      invoices: { totalCount: 0, edges: [] },
    });
  });

  it('emitInvoice by patientId takes the profile as receptor, infers CCF, lists under Patient.invoices', async () => {
    await t.gql(UPSERT, { p: 'P-3', i: CONTRIBUYENTE }, key(a.apiKey));
    const inv = await emit(t, a.apiKey, {
      referenciaExterna: `PAT-${Date.now()}`,
      patientId: 'P-3',
      items: [{ descripcion: 'Cirugía', cantidad: 1, precio: '800' }],
    });
    expect(inv).toMatchObject({
      __typename: 'Invoice',
      tipoDte: '03',
      patient: { id: 'P-3' },
      receptor: { nrc: '1234567' },
    });
    const p = await t.gql(PATIENT, { reps: [{ __typename: 'Patient', id: 'P-3' }] }, key(a.apiKey));
    expect(p.body.data._entities[0].invoices).toEqual({
      totalCount: 1,
      edges: [{ node: { id: inv.id, tipoDte: '03' } }],
    });
    const other = await t.gql(PATIENT, { reps: [{ __typename: 'Patient', id: 'P-3' }] }, key(b.apiKey));
    expect(other.body.data._entities[0].invoices.totalCount).toBe(0);
  });

  it('a patient without a profile is invoiced as consumidor final (FE without receptor)', async () => {
    const inv = await emit(t, a.apiKey, {
      referenciaExterna: `PAT-${Date.now()}-cf`,
      patientId: 'P-none',
      items: [{ descripcion: 'Consulta', cantidad: 1, precio: '20' }],
    });
    expect(inv).toMatchObject({ __typename: 'Invoice', tipoDte: '01', receptor: null, patient: { id: 'P-none' } });
  });
});

describe('Service.fiscal and mapServiceFiscal', () => {
  it('validates CAT-011 / CAT-014 / CAT-015 and the tax treatment', async () => {
    const r = await t.gql(
      MAP,
      {
        s: 'S-1',
        i: {
          descripcion: 'Hemograma',
          tipoItem: 9,
          uniMedida: 0,
          tipo: 'exento',
          tributos: ['20', 'ZZ'],
          precio: '-1',
        },
      },
      key(a.apiKey),
    );
    const got = r.body.data.mapServiceFiscal.issues.map((i: any) => `${i.path}:${i.code}`);
    expect(got).toEqual(
      expect.arrayContaining([
        'tipoItem:UNKNOWN_CODE',
        'uniMedida:UNKNOWN_CODE',
        'tributos[1]:UNKNOWN_CODE',
        'tributos:NOT_ALLOWED',
        'precio:INVALID_NUMBER',
      ]),
    );
  });

  it('maps a SIGLA lab exam; items by serviceId take the mapping (net of IVA on CCF)', async () => {
    const m = await t.gql(
      MAP,
      { s: 'LAB-HEMO', i: { descripcion: 'Hemograma completo', codigo: 'LAB-001', precio: '11.30' } },
      key(a.apiKey),
    );
    expect(m.body.data.mapServiceFiscal).toEqual({
      __typename: 'ServiceFiscalMapping',
      descripcion: 'Hemograma completo',
      tipoItem: 2,
      uniMedida: 59,
      tipo: 'gravado',
      tributos: ['20'],
      precio: '11.30000000',
    });
    const s = await t.gql(SERVICE, { reps: [{ __typename: 'Service', id: 'LAB-HEMO' }] }, key(a.apiKey));
    expect(s.body.data._entities[0].fiscal).toMatchObject({ descripcion: 'Hemograma completo', tipo: 'gravado' });
    expect(
      (await t.gql(SERVICE, { reps: [{ __typename: 'Service', id: 'LAB-HEMO' }] }, key(b.apiKey))).body.data
        ._entities[0].fiscal,
    ).toBeNull();

    const fe = await emit(t, a.apiKey, {
      referenciaExterna: `SVC-${Date.now()}`,
      items: [{ serviceId: 'LAB-HEMO', cantidad: 2 }],
    });
    expect(fe.items[0]).toMatchObject({ descripcion: 'Hemograma completo', cantidad: '2', precioUni: '11.3' });
    const ccf = { ...example('03-credito-fiscal'), items: [{ serviceId: 'LAB-HEMO' }] };
    const inv = await emit(t, a.apiKey, ccf);
    expect(inv.items[0]).toMatchObject({ precioUni: '10', ventaGravada: '10' });
  });

  it("an unknown serviceId is NotFound with the item path; another tenant's mapping is unknown too", async () => {
    const r = await emit(t, b.apiKey, { referenciaExterna: `SVC-${Date.now()}-x`, items: [{ serviceId: 'LAB-HEMO' }] });
    expect(r).toMatchObject({
      __typename: 'NotFound',
      code: 'NOT_FOUND',
      issues: [{ path: 'items[0].serviceId', code: 'NOT_FOUND' }],
    });
  });
});
