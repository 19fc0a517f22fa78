// Summary tributos beyond IVA (CAT-015 section 1): FOVIAL D1, COTRANS C8, turismo 59/71, D4/D5 — computed from the
// lines, listed in resumen.tributos with their values, added to montoTotalOperacion, and conformant with MH's schemas.
import { describe, expect, it } from 'vitest';
import { previewEmission, type TipoDte, validateDte } from '../../src/dte/index.js';
import { CONTRIBUYENTE, relCcf } from './cases.js';
import { EMISOR, ident } from './fixtures.js';
import { officialValidator, present } from './official-schemas.js';

type O = Record<string, unknown>;
const DIESEL = {
  descripcion: 'Diésel para planta eléctrica',
  cantidad: 10,
  precio: '4.00',
  tipoItem: 1,
  uniMedida: 22,
  tributos: ['D1', 'C8'],
};

function build(tipo: TipoDte, body: O): O {
  const r = previewEmission({ tipoDte: tipo, referenciaExterna: `t-${tipo}`, ...body }, EMISOR, ident(tipo));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  expect(validateDte(r.value)).toEqual([]);
  if (present) {
    const v = officialValidator(tipo);
    if (!v(r.value)) throw new Error(JSON.stringify(v.errors));
  }
  return r.value;
}
const resumen = (doc: O) => doc.resumen as O;
const tributos = (doc: O) => (resumen(doc).tributos as O[]).map((t) => [t.codigo, t.valor]);

describe('summary tributos beyond IVA', () => {
  it('a CCF line carrying D1/C8 yields FOVIAL and COTRANS per gallon next to IVA', () => {
    const doc = build('03', {
      receptor: CONTRIBUYENTE,
      items: [DIESEL, { descripcion: 'Consulta', cantidad: 1, precio: 50 }],
    });
    expect(tributos(doc)).toEqual([
      ['20', 11.7],
      ['D1', 2],
      ['C8', 1],
    ]);
    expect((doc.cuerpoDocumento as O[])[0]!.tributos).toEqual(['20', 'D1', 'C8']);
    expect((doc.cuerpoDocumento as O[])[1]!.tributos).toEqual(['20']);
    expect(resumen(doc).montoTotalOperacion).toBe(104.7); // 90 + 11.70 + 2.00 + 1.00
    expect(resumen(doc).totalPagar).toBe(104.7);
  });

  it('FE: IVA stays inside the prices, the other tributos are listed and added', () => {
    const doc = build('01', {
      items: [
        { ...DIESEL, precio: '4.52' },
        { descripcion: 'Habitación', cantidad: 2, precio: '56.50', tributos: ['59'] },
      ],
    });
    // 59 = 5 % of the price without IVA: 113.00 / 1.13 × 0.05 = 5.00
    expect(tributos(doc)).toEqual([
      ['D1', 2],
      ['C8', 1],
      ['59', 5],
    ]);
    expect(resumen(doc).montoTotalOperacion).toBe(166.2); // 45.20 + 113.00 + 8.00
  });

  it('NC, ND and NR carry them too; D5 takes the given value; 71 is $7.00 per passenger', () => {
    const nc = build('05', {
      receptor: CONTRIBUYENTE,
      documentoRelacionado: relCcf,
      items: [{ ...DIESEL, cantidad: 2 }],
    });
    expect(tributos(nc)).toEqual([
      ['20', 1.04],
      ['D1', 0.4],
      ['C8', 0.2],
    ]);
    expect(resumen(nc).montoTotalOperacion).toBe(9.64);
    const nd = build('06', {
      receptor: CONTRIBUYENTE,
      documentoRelacionado: relCcf,
      items: [{ descripcion: 'Tasa', cantidad: 1, precio: 10, tributos: [{ codigo: 'D5', valor: '1.25' }] }],
    });
    expect(tributos(nd)).toEqual([
      ['20', 1.3],
      ['D5', 1.25],
    ]);
    const nr = build('04', {
      receptor: { ...CONTRIBUYENTE, tipoDocumento: '36', bienTitulo: '03' },
      items: [{ descripcion: 'Boleto aéreo (traslado de paciente)', cantidad: 2, precio: 100, tributos: ['71'] }],
    });
    expect(tributos(nr)).toEqual([
      ['20', 26],
      ['71', 14],
    ]);
    expect(resumen(nr).montoTotalOperacion).toBe(240);
  });

  it('FEX lists C3 then the others', () => {
    const doc = build('11', {
      exportacion: {
        tipoItemExpor: 1,
        recintoFiscal: '01',
        regimen: '1000.000',
        tipoRegimen: 'EX-1',
        codIncoterms: '04',
      },
      receptor: {
        nombre: 'Health Partners LLC',
        tipoDocumento: '37',
        numDocumento: 'EIN-12-3456789',
        descActividad: 'Salud',
        codPais: 'US',
        tipoPersona: 2,
        complemento: 'Miami FL',
      },
      items: [DIESEL],
    });
    expect(tributos(doc)).toEqual([
      ['C3', 0],
      ['D1', 2],
      ['C8', 1],
    ]);
    expect(resumen(doc).montoTotalOperacion).toBe(43);
  });

  it(
    'refuses what MH would refuse: IVA listed by hand, per-gallon taxes ' +
      'off gallons, D5 without value, unknown codes, exempt lines, FSE',
    () => {
      const r = previewEmission(
        {
          tipoDte: '03',
          referenciaExterna: 'bad',
          receptor: CONTRIBUYENTE,
          items: [
            { descripcion: 'a', cantidad: 1, precio: 1, tributos: ['20'] },
            { descripcion: 'b', cantidad: 1, precio: 1, tributos: ['D1'] },
            { descripcion: 'c', cantidad: 1, precio: 1, tributos: ['D5'] },
            { descripcion: 'd', cantidad: 1, precio: 1, tributos: ['ZZ'] },
            { descripcion: 'e', cantidad: 1, precio: 1, tratamientoFiscal: 'exento', tributos: ['59'] },
          ],
        },
        EMISOR,
        ident('03'),
      );
      expect(r.ok).toBe(false);
      const got = r.ok ? [] : r.issues.map((i) => `${i.path}:${i.code}`);
      expect(got).toEqual(
        expect.arrayContaining([
          'items[0].tributos[0]:NOT_ALLOWED',
          'items[1].uniMedida:UNIT_REQUIRED',
          'items[2].tributos[0].valor:REQUIRED',
          'items[3].tributos[0]:UNKNOWN_CODE',
          'items[4].tributos[0]:NOT_ALLOWED',
        ]),
      );
      const fse = previewEmission(
        {
          tipoDte: '14',
          referenciaExterna: 'f',
          receptor: {
            nombre: 'José',
            tipoDocumento: '13',
            numDocumento: '12345678-4',
            direccion: CONTRIBUYENTE.direccion,
          },
          items: [{ descripcion: 'x', cantidad: 1, precio: 1, tributos: ['59'] }],
        },
        EMISOR,
        ident('14'),
      );
      expect(fse.ok ? [] : fse.issues.map((i) => i.code)).toContain('NOT_ALLOWED');
    },
  );

  it('the validator (and so the sandbox) catches a summary that disagrees with its lines', () => {
    const doc = build('03', { receptor: CONTRIBUYENTE, items: [DIESEL] });
    const bad = structuredClone(doc);
    ((bad.resumen as O).tributos as O[])[1]!.valor = 2.5;
    expect(validateDte(bad).map((i) => i.path)).toContain('resumen.tributos[1].valor');
    const missing = structuredClone(doc);
    (missing.resumen as O).tributos = ((missing.resumen as O).tributos as O[]).slice(0, 2);
    expect(validateDte(missing).map((i) => i.code)).toContain('TRIBUTO_MISSING');
  });
});
