/**
 * F-07 Anexo 1 (ventas a contribuyentes: CCF, NC, ND — one row per document) and Anexo 2 (ventas a consumidor final:
 * FE and FEX, one row per day and type, as MH asks for DTEs). Columns exactly as the annex upload's layout; for DTEs
 * clase = 4, resolución = numeroControl without hyphens, serie = MH's sello, número = código de generación without
 * hyphens. Credit and debit notes are reported with positive amounts (the type tells MH how to treat them).
 */
import { type Dec, sum, ZERO } from '../../dte/money.js';
import { amount, dmy, money, noHyphens, text } from './csv.js';
import { debitoFiscal, emisor, isReportable, lines, num, party, receptor } from './dte-fields.js';
import type { F07Options } from './f07-options.js';
import type { MonthDocument, Period } from './month-documents.js';

export const CLASE_DTE = '4';
const CENTRAL_AMERICA = new Set(['GT', 'HN', 'SV', 'NI', 'CR']);

/** Renta "tipo de operación" (periods from January 2025; before, 0): 1 gravada, 2 exenta/no sujeta, 4 mixta. */
export function tipoOperacion(period: Period, gravada: Dec, otras: Dec): string {
  if (period.year < 2025) return '0';
  if (gravada.gt(0) && otras.gt(0)) return '4';
  return otras.gt(0) && gravada.isZero() ? '2' : '1';
}
const tipoIngreso = (period: Period, o: F07Options) => (period.year < 2025 ? '0' : o.tipoIngreso);

export const ANEXO1_COLUMNS = [
  'fecha',
  'clase',
  'tipo',
  'resolucion',
  'serie',
  'numero',
  'controlInterno',
  'nitNrcCliente',
  'nombre',
  'exentas',
  'noSujetas',
  'gravadas',
  'debitoFiscal',
  'ventasTerceros',
  'debitoTerceros',
  'total',
  'dui',
  'tipoOperacion',
  'tipoIngreso',
  'anexo',
] as const;

export function anexo1Rows(docs: readonly MonthDocument[], period: Period, o: F07Options): string[][] {
  return docs
    .filter((d) => ['03', '05', '06'].includes(d.tipoDte) && isReportable(d))
    .map((d) => {
      const p = party(receptor(d));
      const [exentas, noSuj, gravadas, debito] = [
        num(d, 'totalExenta'),
        num(d, 'totalNoSuj'),
        num(d, 'totalGravada'),
        debitoFiscal(d),
      ];
      const terceros = ZERO;
      const total = sum([
        exentas,
        noSuj,
        gravadas,
        terceros,
        ...(o.anexo1Total === 'withDebito' ? [debito, ZERO] : []),
      ]);
      return [
        dmy(d.fecEmi),
        CLASE_DTE,
        d.tipoDte,
        noHyphens(d.numeroControl),
        d.selloRecibido ?? '',
        noHyphens(d.codigoGeneracion),
        '',
        p.dui ? '' : (p.nit ?? p.nrc ?? ''),
        text(p.nombre, 100),
        money(exentas),
        money(noSuj),
        money(gravadas),
        money(debito),
        money(terceros),
        money(ZERO),
        money(total),
        p.dui ?? '',
        tipoOperacion(period, gravadas, exentas.plus(noSuj)),
        tipoIngreso(period, o),
        '1',
      ];
    });
}

export const ANEXO2_COLUMNS = [
  'fecha',
  'clase',
  'tipo',
  'resolucion',
  'serie',
  'del',
  'al',
  'delSegundo',
  'alSegundo',
  'maquinaRegistradora',
  'exentas',
  'exentasNoProporcionalidad',
  'noSujetas',
  'gravadasIvaIncluido',
  'exportacionesCentroamerica',
  'exportacionesFueraCentroamerica',
  'exportacionesServicios',
  'zonasFrancas',
  'ventasTerceros',
  'total',
  'tipoOperacion',
  'tipoIngreso',
  'anexo',
] as const;

interface DayGroup {
  fecha: string;
  tipo: string;
  docs: MonthDocument[];
}

function groups(docs: readonly MonthDocument[], o: F07Options): DayGroup[] {
  const out = new Map<string, DayGroup>();
  for (const d of docs) {
    if (!['01', '11'].includes(d.tipoDte) || !isReportable(d)) continue;
    const pos = o.anexo2Grouping === 'dayAndPointOfSale' ? `|${d.codEstableMH}${d.codPuntoVentaMH}` : '';
    const key = `${d.fecEmi}|${d.tipoDte}${pos}`;
    const g = out.get(key) ?? { fecha: d.fecEmi, tipo: d.tipoDte, docs: [] };
    g.docs.push(d);
    out.set(key, g);
  }
  return [...out.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
}

/** FEX amounts by destination: Central America, elsewhere, and services (by the document's tipoItemExpor / lines). */
function exportSplit(d: MonthDocument): { ca: Dec; other: Dec; services: Dec } {
  const total = num(d, 'totalGravada');
  const tipoItemExpor = Number(emisor(d).tipoItemExpor);
  const servicesShare =
    tipoItemExpor === 2
      ? total
      : tipoItemExpor === 3
        ? sum(
            lines(d)
              .filter((l) => Number(l.tipoItem) === 2)
              .map((l) => amount(l.ventaGravada)),
          )
        : ZERO;
  const goods = total.minus(servicesShare);
  const inCa = CENTRAL_AMERICA.has(String(receptor(d).codPais ?? ''));
  return { ca: inCa ? goods : ZERO, other: inCa ? ZERO : goods, services: servicesShare };
}

export function anexo2Rows(docs: readonly MonthDocument[], period: Period, o: F07Options): string[][] {
  return groups(docs, o).map((g) => {
    const first = noHyphens(g.docs[0]!.codigoGeneracion);
    const last = noHyphens(g.docs[g.docs.length - 1]!.codigoGeneracion);
    const fe = g.tipo === '01' ? g.docs : [];
    const exentas = sum(fe.map((d) => num(d, 'totalExenta')));
    const noSuj = sum(fe.map((d) => num(d, 'totalNoSuj')));
    const gravadas = sum(fe.map((d) => num(d, 'totalGravada')));
    const ex = (g.tipo === '11' ? g.docs : []).map(exportSplit);
    const [ca, other, services] = [
      sum(ex.map((e) => e.ca)),
      sum(ex.map((e) => e.other)),
      sum(ex.map((e) => e.services)),
    ];
    const total = sum([exentas, noSuj, gravadas, ca, other, services]);
    const numbers = [first, last];
    const control = ['N/A', 'N/A'];
    const fi = o.anexo2Order === 'manual' ? [...numbers, ...control] : [...control, ...numbers];
    return [
      dmy(g.fecha),
      CLASE_DTE,
      g.tipo,
      'N/A',
      'N/A',
      ...fi,
      '',
      money(exentas),
      money(ZERO),
      money(noSuj),
      money(gravadas),
      money(ca),
      money(other),
      money(services),
      money(ZERO),
      money(ZERO),
      money(total),
      tipoOperacion(period, gravadas.plus(ca).plus(other).plus(services), exentas.plus(noSuj)),
      tipoIngreso(period, o),
      '2',
    ];
  });
}
