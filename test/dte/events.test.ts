import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildContingencia,
  buildInvalidacion,
  type ContingenciaInput,
  invalidationDeadline,
  type InvalidacionInput,
  isContingencyAllowed,
  validateDte,
} from '../../src/dte/index.js';
import { ROOT, officialValidator } from './official-schemas.js';
import { CG, EMISOR } from './fixtures.js';

const schemasPresent = existsSync(ROOT);
const ev = {
  ambiente: '00' as const,
  codigoGeneracion: 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D',
  fecEmi: '2026-12-03',
  horEmi: '09:00:00',
};

const inv: InvalidacionInput = {
  documento: {
    tipoDte: '01',
    codigoGeneracion: CG,
    selloRecibido: '2026D04751ECD4324D039CEAFD9A3516AAA7JESF',
    numeroControl: 'DTE-01-M001P001-000000000000001',
    fecEmi: '2026-12-02',
    codigoGeneracionR: '9F8E7D6C-5B4A-4392-8170-6F5E4D3C2B1A',
    tipoDocumento: '13',
    numDocumento: '12345678-4',
    nombre: 'María José Rivas',
  },
  motivo: {
    tipoAnulacion: 1,
    motivoAnulacion: 'Error en el nombre del receptor',
    nombreResponsable: 'Ana Gómez',
    tipDocResponsable: '13',
    numDocResponsable: '12345678-4',
    nombreSolicita: 'María José Rivas',
    tipDocSolicita: '13',
    numDocSolicita: '123456784',
  },
};
const cont: ContingenciaInput = {
  responsable: { nombre: 'Ana Gómez', tipoDocumento: '13', numeroDocumento: '12345678-4' },
  detalleDTE: [
    { tipoDoc: '01', codigoGeneracion: CG },
    { tipoDoc: '03', codigoGeneracion: '9F8E7D6C-5B4A-4392-8170-6F5E4D3C2B1A' },
  ],
  motivo: {
    fInicio: '2026-12-02',
    fFin: '2026-12-02',
    hInicio: '08:00:00',
    hFin: '11:30:00',
    tipoContingencia: 4,
    motivoContingencia: null,
  },
};

describe('Invalidación v3', () => {
  it('builds a valid event (own validator + official schema)', () => {
    const doc = buildInvalidacion(inv, EMISOR, ev);
    expect(validateDte(doc)).toEqual([]);
    expect((doc['documento'] as Record<string, unknown>)['numDocumento']).toBe('123456784');
    if (schemasPresent) expect(officialValidator('invalidacion')(doc)).toBe(true);
  });
  it('tipoAnulacion 2 drops codigoGeneracionR; anonymous FE receptor stays null', () => {
    const doc = buildInvalidacion(
      {
        ...inv,
        documento: { ...inv.documento, tipoDocumento: null, numDocumento: null, nombre: null },
        motivo: { ...inv.motivo, tipoAnulacion: 2 },
      },
      EMISOR,
      ev,
    );
    expect((doc['documento'] as Record<string, unknown>)['codigoGeneracionR']).toBeNull();
    expect(validateDte(doc)).toEqual([]);
    if (schemasPresent) expect(officialValidator('invalidacion')(doc)).toBe(true);
  });
  it('rejects a missing replacement for type 1 and a late event', () => {
    const bad = buildInvalidacion(
      {
        ...inv,
        documento: {
          ...inv.documento,
          tipoDte: '03',
          numeroControl: 'DTE-03-M001P001-000000000000001',
          codigoGeneracionR: null,
        },
      },
      EMISOR,
      { ...ev, fecEmi: '2027-02-01' },
    );
    const codes = validateDte(bad).map((i) => i.code);
    expect(codes).toContain('REQUIRED');
    expect(codes).toContain('INVALIDATION_DEADLINE_EXCEEDED');
  });
});

describe('Contingencia v4', () => {
  it('builds a valid event', () => {
    const doc = buildContingencia(cont, EMISOR, ev);
    expect(validateDte(doc)).toEqual([]);
    if (schemasPresent) expect(officialValidator('contingencia')(doc)).toBe(true);
  });
  it('rejects CL/DCL/CD in the event and tipo 5 without motivo', () => {
    const doc = buildContingencia(
      {
        ...cont,
        detalleDTE: [{ tipoDoc: '15', codigoGeneracion: CG }],
        motivo: { ...cont.motivo, tipoContingencia: 5 },
      },
      EMISOR,
      ev,
    );
    expect(
      validateDte(doc)
        .map((i) => i.code)
        .sort(),
    ).toEqual(['CONTINGENCY_NOT_ALLOWED', 'REQUIRED']);
  });
  it('1000 DTE max', () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({
      tipoDoc: '01' as const,
      codigoGeneracion: `${CG.slice(0, 24)}${String(i).padStart(12, '0')}`,
    }));
    expect(validateDte(buildContingencia({ ...cont, detalleDTE: many }, EMISOR, ev)).map((i) => i.code)).toContain(
      'TOO_MANY',
    );
  });
});

describe('deadlines and contingency eligibility (MH: invalidation deadlines by tipoDte; contingency)', () => {
  it('MF2: FE/FEX/FSE three months, the rest 10th business day of next month', () => {
    expect(invalidationDeadline('01', '2026-11-30')).toBe('2027-02-28');
    expect(invalidationDeadline('11', '2026-12-02')).toBe('2027-03-02');
    // Jan 2027: Fri 1 is Año Nuevo; 10th business day = Fri 15
    expect(invalidationDeadline('03', '2026-12-02')).toBe('2027-01-15');
    expect(invalidationDeadline('05', '2026-11-15')).toBe('2026-12-14');
  });
  it('CL, DCL, CD are excluded', () => {
    expect(['08', '09', '15'].map((t) => isContingencyAllowed(t as '08'))).toEqual([false, false, false]);
    expect(isContingencyAllowed('01') && isContingencyAllowed('07') && isContingencyAllowed('14')).toBe(true);
  });
});
