import { describe, expect, it } from 'vitest';
import type { PatientProfile } from '../../src/modules/patients/patient-profile.entity.js';
import { resolvePatientReceptor } from '../../src/modules/patients/patient-receptor.js';
import { sigmaServiceDefault } from '../../src/modules/services/service-fiscal-default.js';
import { DEFAULT_SIGMA_FIELDS, NO_SIGMA_FIELDS } from '../../src/modules/sigma/sigma-fields.js';

const SAN_SALVADOR = { department: '06', municipality: '23', district: '14' };
const patient = (over: Record<string, unknown> = {}) => ({
  __typename: 'Patient',
  id: 'P-1',
  name: 'Ana López',
  documentType: 'DUI',
  documentNumber: '045678911',
  email: 'ana@example.com',
  phone: '2250-7788',
  address: { line1: 'Calle 1', ...SAN_SALVADOR },
  ...over,
});
const profile = (over: Partial<PatientProfile>) =>
  ({
    nombre: 'Billing',
    tipoDocumento: null,
    numDocumento: null,
    nrc: null,
    nombreComercial: null,
    codActividad: null,
    descActividad: null,
    direccion: null,
    telefono: null,
    correo: null,
    ...over,
  }) as PatientProfile;

describe('resolvePatientReceptor', () => {
  it("maps SIGMA's fields (enum → CAT-022, DUI in digits as MH wants it), every field from SIGMA", () => {
    const r = resolvePatientReceptor(DEFAULT_SIGMA_FIELDS, patient(), null);
    expect(r.receptor).toEqual({
      nombre: 'Ana López',
      tipoDocumento: '13',
      numDocumento: '045678911',
      correo: 'ana@example.com',
      telefono: '2250-7788',
      direccion: { departamento: '06', municipio: '23', distrito: '14', complemento: 'Calle 1' },
    });
    expect(r.issues).toEqual([]);
    expect(r.sources.find((s) => s.field === 'direccion')).toEqual({
      field: 'direccion',
      source: 'SIGMA',
      sigmaField: 'Patient.address',
    });
  });

  it('a profile overrides field by field; the document travels with its type', () => {
    const r = resolvePatientReceptor(
      DEFAULT_SIGMA_FIELDS,
      patient(),
      profile({ tipoDocumento: '36', numDocumento: '06140507071048', correo: 'billing@example.com' }),
    );
    expect(r.receptor).toMatchObject({
      nombre: 'Billing',
      tipoDocumento: '36',
      numDocumento: '06140507071048',
      correo: 'billing@example.com',
      telefono: '2250-7788',
    });
    expect(Object.fromEntries(r.sources.map((s) => [s.field, s.source]))).toMatchObject({
      nombre: 'FISCAL_PROFILE',
      tipoDocumento: 'FISCAL_PROFILE',
      numDocumento: 'FISCAL_PROFILE',
      telefono: 'SIGMA',
      direccion: 'SIGMA',
    });
  });

  it('typed issues: a wrong DUI check digit, an enum value with no code, a bad e-mail — each naming its source', () => {
    const r = resolvePatientReceptor(
      DEFAULT_SIGMA_FIELDS,
      patient({ documentNumber: '03216549-0', email: 'not-an-email' }),
      null,
    );
    expect(r.issues.map((i) => [i.path, i.code])).toEqual([
      ['numDocumento', 'INVALID_DUI_CHECK_DIGIT'],
      ['correo', 'INVALID_FORMAT'],
    ]);
    expect(r.issues[0]!.message).toContain("from SIGMA's Patient.documentNumber");
    const u = resolvePatientReceptor(DEFAULT_SIGMA_FIELDS, patient({ documentType: 'MILITARY_ID' }), null);
    expect(u.issues[0]).toMatchObject({ path: 'tipoDocumento', code: 'UNKNOWN_CODE' });
  });

  it('an address without MH codes is left out with a warning, not an issue', () => {
    const r = resolvePatientReceptor(
      DEFAULT_SIGMA_FIELDS,
      patient({ address: { line1: 'Calle 1', department: null, municipality: null, district: null } }),
      null,
    );
    expect(r.receptor.direccion).toBeUndefined();
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([
      { path: 'direccion', code: 'INCOMPLETE_ADDRESS', message: expect.stringContaining('department') },
    ]);
  });

  it('nothing known: a warning, no receptor', () => {
    const r = resolvePatientReceptor(NO_SIGMA_FIELDS, { id: 'P-1' }, null);
    expect(r).toMatchObject({ receptor: {}, sources: [], issues: [] });
    expect(r.warnings[0]).toMatchObject({
      code: 'NO_RECEPTOR_DATA',
      message: expect.stringContaining('FX_SIGMA_FIELDS'),
    });
  });

  it('a document without a name is refused (nombre REQUIRED)', () => {
    const r = resolvePatientReceptor(DEFAULT_SIGMA_FIELDS, patient({ name: null }), null);
    expect(r.issues).toEqual([{ path: 'nombre', code: 'REQUIRED', message: expect.any(String) }]);
  });
});

describe('sigmaServiceDefault', () => {
  it('services vs goods by area; no default for an unmapped area or without a name', () => {
    expect(sigmaServiceDefault(DEFAULT_SIGMA_FIELDS, { name: 'Hemograma', area: 'LAB' })).toMatchObject({
      descripcion: 'Hemograma',
      tipoItem: 2,
      source: 'SIGMA_DEFAULT',
    });
    expect(sigmaServiceDefault(DEFAULT_SIGMA_FIELDS, { name: 'Acetaminofén', area: 'PHARMACY' })).toMatchObject({
      tipoItem: 1,
    });
    expect(sigmaServiceDefault(DEFAULT_SIGMA_FIELDS, { name: 'Lentes', area: 'OPTICS' })).toBeNull();
    expect(sigmaServiceDefault(DEFAULT_SIGMA_FIELDS, { area: 'LAB' })).toBeNull();
    expect(sigmaServiceDefault(NO_SIGMA_FIELDS, { name: 'Hemograma', area: 'LAB' })).toBeNull();
  });
});
