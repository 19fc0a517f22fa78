// Evento de Retorno (fe-eret-v1) and Evento de Operaciones Especiales (fe-eop-v1): built from sealed FE/FEX/FSE
// documents and reported operations, validated by the project's validator and by ajv against MH's official schema
// files.
import { describe, expect, it } from 'vitest';
import { dec } from '../../src/dte/money.js';
import {
  buildOperacionesEspeciales,
  buildRetorno,
  previewEmission,
  returnDeadline,
  specialOperationsDeadline,
  type RetornoTipo,
  type TipoDte,
  validateDte,
} from '../../src/dte/index.js';
import { CASES } from './cases.js';
import { CG, EMISOR, ident } from './fixtures.js';
import { officialValidator, present } from './official-schemas.js';

type O = Record<string, unknown>;
const EV = {
  ambiente: '00' as const,
  codigoGeneracion: 'A1B2C3D4-1111-4222-8333-444455556666',
  fecEmi: '2026-12-05',
  horEmi: '09:00:00',
};

function sealed(tipo: TipoDte, name: string): O {
  const c = CASES[tipo]!.find((x) => x.name === name)!;
  const r = previewEmission(c.body, EMISOR, ident(tipo));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

function conformant(kind: 'retorno' | 'operacionesEspeciales', doc: O): void {
  expect(validateDte(doc)).toEqual([]);
  if (!present) return;
  const v = officialValidator(kind);
  if (!v(doc)) throw new Error(JSON.stringify(v.errors, null, 1));
}

function retorno(tipo: RetornoTipo, doc: O, lines: { numItem: number; cantidad: string }[]): O {
  const input = {
    documents: [
      {
        tipoDte: tipo,
        codigoGeneracion: CG,
        fecEmi: '2026-12-02',
        document: doc,
        lines: lines.map((l) => ({ numItem: l.numItem, cantidad: dec(l.cantidad) })),
      },
    ],
  };
  return buildRetorno(input, EMISOR, EV);
}

describe('Evento de Retorno (fe-eret-v1)', () => {
  it('FE: a partial return of a taxed line and the exempt line, IVA inside the price', () => {
    const fe = sealed('01', 'identified DUI, mix, global discount, retention, cargo');
    const doc = retorno('01', fe, [
      { numItem: 1, cantidad: '1' },
      { numItem: 2, cantidad: '1.25' },
    ]);
    conformant('retorno', doc);
    const [l1, l2] = doc.cuerpoDocumento as O[];
    expect(l1).toMatchObject({
      numItem: 1,
      codigoGeneracion: CG,
      cantidad: 1,
      precioUni: 45,
      montoDescu: 5,
      ventaGravada: 40,
      ivaItem: 4.60176991,
    });
    expect(l2).toMatchObject({ cantidad: 1.25, ventaExenta: 15.15432098 });
    expect(doc.resumen).toMatchObject({
      totalGravada: 40,
      totalExenta: 15.15,
      subTotalVentas: 55.15,
      totalIva: 4.6,
      ivaRete: 0.35,
      totalPagar: 54.8,
    });
    expect(doc.documento).toMatchObject({ tipoDocumento: '13', nombre: 'María José Rivas' });
    expect(doc.documentoRelacionado).toEqual([
      { tipoDocumento: '01', codigoGeneracion: CG, fechaEmision: '2026-12-02' },
    ]);
  });

  it('FEX: C3 listed, the export emisor fields and compraTercero carried', () => {
    const fex = sealed('11', 'exported goods FOB with freight, insurance, discount and cargo');
    const doc = retorno('11', fex, [{ numItem: 1, cantidad: '50' }]);
    conformant('retorno', doc);
    expect((doc.resumen as O).tributos).toEqual([{ codigo: 'C3', descripcion: expect.any(String), valor: 0 }]);
    expect(doc.emisor).toMatchObject({
      recintoFiscal: '01',
      regimen: '1000.000',
      tipoRegimen: 'EX-1',
      tipoItemExpor: 1,
    });
  });

  it('FSE: purchases (compra) with the same renta retention rate', () => {
    const fse = sealed('14', 'purchase from a sujeto excluido with 10 % renta');
    const doc = retorno('14', fse, [{ numItem: 1, cantidad: '0.5' }]);
    conformant('retorno', doc);
    expect(doc.resumen).toMatchObject({ totalCompraExcluidos: 75, reteRenta: 7.5, totalPagar: 67.5 });
  });

  it('the validator refuses lines of an unrelated document and amounts that disagree', () => {
    const fe = sealed('01', 'anonymous single service');
    const doc = retorno('01', fe, [{ numItem: 1, cantidad: '1' }]);
    conformant('retorno', doc);
    expect(doc.documento).toBeNull();
    const bad = structuredClone(doc);
    (bad.cuerpoDocumento as O[])[0]!.codigoGeneracion = 'FFFFFFFF-1111-4222-8333-444455556666';
    ((bad.resumen as O).totalPagar as unknown) = 99;
    const found = validateDte(bad).map((i) => `${i.path}:${i.code}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'cuerpoDocumento[0].codigoGeneracion:UNKNOWN_RELATED_DOCUMENT',
        'documentoRelacionado[0]:NO_RETURNED_LINES',
        'resumen.totalPagar:CALCULO_INCORRECTO',
      ]),
    );
  });
});

describe('Evento de Operaciones Especiales (fe-eop-v1)', () => {
  const line = {
    tipoDocumento: '02',
    numDocumento: null,
    fechaEmision: '2026-12-01',
    cantidad: 150,
    descripcion: 'Facturas de venta simplificada del 1 de diciembre',
    docDel: '1001',
    docAl: '1150',
    precio: dec('3.5'),
    tipo: 'gravado' as const,
    codigoGeneracionRef: null,
  };
  it('reports ranges of simplified invoices and internal control vouchers', () => {
    const doc = buildOperacionesEspeciales(
      {
        lines: [
          line,
          {
            ...line,
            tipoDocumento: '97',
            cantidad: 2,
            docDel: null,
            docAl: null,
            numDocumento: 'CI-77',
            precio: dec('10'),
            tipo: 'exento',
            descripcion: 'Comprobantes de control interno',
          },
        ],
      },
      EMISOR,
      EV,
    );
    conformant('operacionesEspeciales', doc);
    expect(doc.resumen).toMatchObject({ totalGravada: 525, totalExenta: 20, subTotal: 545, total: 545 });
    expect(doc.emisor).toEqual({ nit: EMISOR.nit, nombre: EMISOR.nombre });
  });

  it('the validator refuses reversed ranges, unknown CAT-023 codes and documents after the event', () => {
    const doc = buildOperacionesEspeciales(
      { lines: [{ ...line, docDel: '2000', docAl: '1000', fechaEmision: '2026-12-09', tipoDocumento: '05' }] },
      EMISOR,
      EV,
    );
    expect(validateDte(doc).map((i) => `${i.path}:${i.code}`)).toContain(
      'cuerpoDocumento[0].tipoDocumento:NOT_ALLOWED',
    );
    const fixedType = structuredClone(doc);
    (fixedType.cuerpoDocumento as O[])[0]!.tipoDocumento = '02';
    expect(validateDte(fixedType).map((i) => i.code)).toEqual(expect.arrayContaining(['INVALID_RANGE', 'AFTER_EVENT']));
  });
});

describe('windows', () => {
  it(
    'Retorno: 2 years for pharmaceutical activities (29 Feb clamps), 3 months ' +
      'otherwise; Operaciones Especiales: 10th business day of the next month',
    () => {
      expect(returnDeadline('2026-12-02', '47721')).toBe('2028-12-02');
      expect(returnDeadline('2028-02-29', '46482')).toBe('2030-02-28');
      expect(returnDeadline('2026-11-30', '86201')).toBe('2027-02-28');
      expect(specialOperationsDeadline('2026-11-05')).toBe('2026-12-14');
    },
  );
});
