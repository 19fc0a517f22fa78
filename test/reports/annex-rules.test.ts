import { describe, expect, it } from 'vitest';
import { createCalendar, NATIONAL_CALENDAR } from '../../src/dte/index.js';
import { buildF07 } from '../../src/modules/reports/build-report.js';
import { F07_DEFAULTS, f07Options } from '../../src/modules/reports/f07-options.js';
import { anexo5Rows, anexo9Rows, anuladosRows, retencionRows } from '../../src/modules/reports/f07-otros.js';
import { anexo1Rows, anexo2Rows } from '../../src/modules/reports/f07-ventas.js';
import { libroContribuyentes } from '../../src/modules/reports/libros.js';
import { isLateInvalidation, parsePeriod, type MonthDocument } from '../../src/modules/reports/month-documents.js';

// Synthetic stored documents (MH field names) for the rules the month of real documents does not reach.
let n = 0;
function stored(tipoDte: string, document: Record<string, unknown>, over: Partial<MonthDocument> = {}): MonthDocument {
  n++;
  const code = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    id: code,
    tipoDte,
    status: 'PROCESSED',
    fecEmi: '2025-03-10',
    horEmi: '10:00:00',
    numeroControl: `DTE-${tipoDte}-M001P001-${String(n).padStart(15, '0')}`,
    codigoGeneracion: code,
    codEstableMH: 'M001',
    codPuntoVentaMH: 'P001',
    selloRecibido: `2025${'A'.repeat(36)}`,
    totalPagar: '0',
    document,
    invalidation: null,
    invalidatedOn: null,
    ...over,
  };
}
const p2025 = parsePeriod('2025-03')!;

describe('annex rules beyond the common month', () => {
  it(
    'Anexo 1: a 9-digit NIT (DUI) goes to column Q and leaves H empty; ' +
      'exenta-only is operación 2; before 2025 both Renta codes are 0',
    () => {
      const d = stored('03', {
        receptor: { nit: '123456784', nrc: '1234567', nombre: 'Dr. Pérez; consultas' },
        resumen: { totalExenta: 50, totalNoSuj: 0, totalGravada: 0, tributos: null },
      });
      const [r] = anexo1Rows([d], p2025, F07_DEFAULTS);
      expect(r![7]).toBe('');
      expect(r![8]).toBe('Dr. Pérez consultas'); // the separator never reaches a text cell
      expect(r![16]).toBe('123456784');
      expect(r![17]).toBe('2');
      const [old] = anexo1Rows([{ ...d, fecEmi: '2024-12-10' }], parsePeriod('2024-12')!, F07_DEFAULTS);
      expect(old!.slice(17, 19)).toEqual(['0', '0']);
    },
  );

  it('Anexo 2: per point of sale on request; FEX outside Central America and services in their own columns', () => {
    const fe = (pos: string, hor: string) =>
      stored(
        '01',
        { resumen: { totalGravada: 11.3, totalExenta: 0, totalNoSuj: 0 } },
        { codPuntoVentaMH: pos, horEmi: hor },
      );
    const docs = [fe('P001', '08:00:00'), fe('P002', '09:00:00'), fe('P001', '10:00:00')];
    expect(anexo2Rows(docs, p2025, F07_DEFAULTS)).toHaveLength(1);
    const byPos = anexo2Rows(docs, p2025, { ...F07_DEFAULTS, anexo2Grouping: 'dayAndPointOfSale' });
    expect(byPos.map((r) => [r[5], r[6], r[13]])).toEqual([
      [docs[0]!.codigoGeneracion.replace(/-/g, ''), docs[2]!.codigoGeneracion.replace(/-/g, ''), '22.60'],
      [docs[1]!.codigoGeneracion.replace(/-/g, ''), docs[1]!.codigoGeneracion.replace(/-/g, ''), '11.30'],
    ]);
    const us = stored('11', {
      emisor: { tipoItemExpor: 1 },
      receptor: { codPais: 'US' },
      resumen: { totalGravada: 100 },
    });
    const mixed = stored('11', {
      emisor: { tipoItemExpor: 3 },
      receptor: { codPais: 'HN' },
      resumen: { totalGravada: 100 },
      cuerpoDocumento: [
        { tipoItem: 2, ventaGravada: 40 },
        { tipoItem: 1, ventaGravada: 60 },
      ],
    });
    const [row] = anexo2Rows([us, mixed], p2025, F07_DEFAULTS);
    expect(row!.slice(14, 20)).toEqual(['60.00', '100.00', '40.00', '0.00', '0.00', '200.00']);
  });

  it('Anexo 9 (percepción), 12 (retención 13 %) and 5 with a NIT sujeto excluido', () => {
    const ccf = stored('03', {
      receptor: { nit: '06140507071048', nombre: 'X' },
      resumen: { totalGravada: 200, ivaPerci: 2 },
    });
    expect(anexo9Rows([ccf])).toEqual([
      [
        '06140507071048',
        '10/03/2025',
        '03',
        ccf.numeroControl.replace(/-/g, ''),
        ccf.selloRecibido,
        ccf.codigoGeneracion.replace(/-/g, ''),
        '200.00',
        '2.00',
        '',
        '9',
      ],
    ]);
    const cr = stored('07', {
      receptor: { tipoDocumento: '36', numDocumento: '123456784', nombre: 'Y' },
      cuerpoDocumento: [
        { codigoRetencionMH: 'C4', montoSujetoGrav: 100, ivaRetenido: 13 },
        { codigoRetencionMH: '22', montoSujetoGrav: 10, ivaRetenido: 0.1 },
      ],
    });
    expect(retencionRows([cr], 'C4')[0]!.slice(6)).toEqual(['100.00', '13.00', '123456784', '12']);
    expect(retencionRows([cr], '22')[0]!.slice(6)).toEqual(['10.00', '0.10', '123456784', '10']);
    const fse = stored('14', {
      receptor: { tipoDocumento: '36', numDocumento: '0614-050707-104-8', nombre: 'Z' },
      resumen: { totalCompra: 100, totalPagar: 90 },
    });
    expect(
      anexo5Rows([fse], {
        ...F07_DEFAULTS,
        compras: { tipoOperacion: '2', clasificacion: '1', sector: '3', tipoCostoGasto: '5' },
      })[0],
    ).toEqual([
      '1',
      '06140507071048',
      'Z',
      '10/03/2025',
      fse.selloRecibido,
      fse.codigoGeneracion.replace(/-/g, ''),
      '100.00',
      '0.00',
      '2',
      '1',
      '3',
      '5',
      '5',
    ]);
  });

  it(
    "invalidated annex: an earlier month's document invalidated " +
      'after its return was due is reported in the month of invalidation',
    () => {
      const own = stored('03', {}, { status: 'INVALIDATED' });
      const late = stored('01', {}, { status: 'INVALIDATED', fecEmi: '2025-01-20', invalidatedOn: '2025-03-02' });
      expect(anuladosRows([own, stored('01', {})], [late], F07_DEFAULTS).map((r) => r[4])).toEqual(['03', '01']);
      // January's return was due on 14 February 2025 (10th business day); the tenant's extra day moves it to the 17th.
      const cal = createCalendar([{ date: '2025-02-14', name: 'x' }]);
      expect(isLateInvalidation(late, p2025, cal)).toBe(true);
      expect(isLateInvalidation({ ...late, invalidatedOn: '2025-02-17' }, parsePeriod('2025-02')!, cal)).toBe(false);
      expect(isLateInvalidation({ ...late, invalidatedOn: '2025-02-18' }, parsePeriod('2025-02')!, cal)).toBe(true);
      const month = { period: p2025, emitted: [], lateInvalidated: [late] };
      const files = buildF07(month, {}, cal);
      expect(files.map((f) => f.name)).toEqual(['F07_ANULADOS_202503.CSV', 'LEEME.txt']);
    },
  );

  it('options are checked field by field; the Libro keeps an ANULADO line at zero', () => {
    expect(
      f07Options({ bom: 'yes', tipoIngreso: '11', compras: { sector: '9' }, extra: 1 }).issues.map(
        (i) => `${i.path}:${i.code}`,
      ),
    ).toEqual([
      'options.bom:INVALID_TYPE',
      'options.tipoIngreso:NOT_ALLOWED',
      'options.compras.sector:NOT_ALLOWED',
      'options.extra:UNKNOWN_FIELD',
    ]);
    const l = libroContribuyentes([
      stored('03', { receptor: { nombre: 'A' }, resumen: { totalGravada: 10 } }, { status: 'INVALIDATED' }),
    ]);
    expect(l.rows[0]![6]).toBe('ANULADO — A');
    expect(l.totals[10]).toBe('0.00');
    expect(NATIONAL_CALENDAR.holiday('2025-04-17')).toBe('Jueves Santo');
  });
});
