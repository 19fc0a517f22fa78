/**
 * The other F-07 annexes a health business may have: Anexo 5 (compras a sujetos excluidos, from its Facturas de Sujeto
 * Excluido), Anexo 9 (percepción de IVA 1 % charged by the declarant on CCF/NC/ND), Anexos 10 and 12 (retención de IVA
 * 1 % / 13 % made by the declarant, from its Comprobantes de Retención), and the annex of invalidated documents.
 */
import { type Dec, sum, ZERO } from '../../dte/money.js';
import { amount, dmy, money, noHyphens, text } from './csv.js';
import { isReportable, ivaPerci, lines, num, party, receptor } from './dte-fields.js';
import { CLASE_DTE } from './f07-ventas.js';
import type { F07Options } from './f07-options.js';
import type { MonthDocument } from './month-documents.js';

export const ANEXO5_COLUMNS = [
  'tipoDocumento',
  'numeroDocumento',
  'nombre',
  'fecha',
  'serie',
  'numero',
  'monto',
  'retencionIva',
  'tipoOperacion',
  'clasificacion',
  'sector',
  'tipoCostoGasto',
  'anexo',
] as const;

/** CAT-022 tipo de documento → the annex's 1 NIT, 2 DUI, 3 otro. */
const tipoDocAnexo = (t: string | null) => (t === '36' ? '1' : t === '13' ? '2' : '3');

export function anexo5Rows(docs: readonly MonthDocument[], o: F07Options): string[][] {
  return docs
    .filter((d) => d.tipoDte === '14' && isReportable(d))
    .map((d) => {
      const p = party(receptor(d));
      const q = o.compras;
      return [
        tipoDocAnexo(p.tipoDocumento),
        p.numDocumento ?? '',
        text(p.nombre, 100),
        dmy(d.fecEmi),
        d.selloRecibido ?? '',
        noHyphens(d.codigoGeneracion),
        money(num(d, o.anexo5Monto)),
        money(ZERO),
        q.tipoOperacion,
        q.clasificacion,
        q.sector,
        q.tipoCostoGasto,
        '5',
      ];
    });
}

export const RETENCION_COLUMNS = [
  'nitSujeto',
  'fecha',
  'tipo',
  'resolucion',
  'serie',
  'numero',
  'montoSujeto',
  'importe',
  'dui',
  'anexo',
] as const;

function retencionRow(d: MonthDocument, monto: Dec, importe: Dec, anexo: string): string[] {
  const p = party(receptor(d));
  return [
    p.dui ? '' : (p.nit ?? ''),
    dmy(d.fecEmi),
    d.tipoDte,
    noHyphens(d.numeroControl),
    d.selloRecibido ?? '',
    noHyphens(d.codigoGeneracion),
    money(monto),
    money(importe),
    p.dui ?? '',
    anexo,
  ];
}

/** Anexo 9: IVA perceived (1 %) by the declarant on its CCF, NC and ND. */
export function anexo9Rows(docs: readonly MonthDocument[]): string[][] {
  return docs
    .filter((d) => ['03', '05', '06'].includes(d.tipoDte) && isReportable(d) && ivaPerci(d).gt(0))
    .map((d) => retencionRow(d, num(d, 'totalGravada'), ivaPerci(d), '9'));
}

/** Anexos 10 (retención 1 %, CAT-006 code 22) and 12 (retención 13 %, code C4), from the declarant's CRs. */
export function retencionRows(docs: readonly MonthDocument[], codigo: '22' | 'C4'): string[][] {
  const anexo = codigo === '22' ? '10' : '12';
  return docs
    .filter((d) => d.tipoDte === '07' && isReportable(d))
    .flatMap((d) => {
      const ls = lines(d).filter((l) => l.codigoRetencionMH === codigo);
      if (!ls.length) return [];
      return [
        retencionRow(
          d,
          sum(ls.map((l) => amount(l.montoSujetoGrav))),
          sum(ls.map((l) => amount(l.ivaRetenido))),
          anexo,
        ),
      ];
    });
}

export const ANULADOS_COLUMNS = [
  'resolucion',
  'clase',
  'desdePreimpreso',
  'hastaPreimpreso',
  'tipo',
  'detalle',
  'serie',
  'desde',
  'hasta',
  'codigoGeneracion',
] as const;
const ANULABLE = new Set(['01', '03', '04', '05', '06', '07', '08', '09', '11', '14']);

/** DTEs invalidated (detalle D): the period's own plus earlier ones invalidated in it after their return was due. */
export function anuladosRows(
  emitted: readonly MonthDocument[],
  late: readonly MonthDocument[],
  o: F07Options,
): string[][] {
  return [...emitted.filter((d) => d.status === 'INVALIDATED'), ...late]
    .filter((d) => ANULABLE.has(d.tipoDte))
    .map((d) => [
      noHyphens(d.numeroControl),
      CLASE_DTE,
      '0',
      '0',
      d.tipoDte,
      'D',
      d.selloRecibido ?? '',
      '0',
      '0',
      o.anuladosCodigo === 'uuid36' ? d.codigoGeneracion : noHyphens(d.codigoGeneracion),
    ]);
}
