/**
 * The IVA sales books a Salvadoran taxpayer keeps (Código Tributario, Art. 141), built from the period's DTEs:
 *  - Libro de Ventas a Contribuyentes: one line per CCF, NC and ND in emission order, with a running correlativo;
 *    credit notes subtract (negative amounts); an invalidated document keeps its line, marked ANULADO, with zero
 *    amounts;
 *  - Libro de Ventas a Consumidor Final: one line per day and type (FE, FEX) with the first and last document of the
 *    day (numeroControl and código de generación), the count, and the day's sales; the IVA included in the gravadas
 *    is shown apart (débito fiscal of the period).
 * Each ends with a totals line. The CSV form is comma-separated with a header (for a spreadsheet); the PDF form is
 * the same table with the signature lines (pdf in libro-pdf.ts).
 */
import { D, type Dec, sum, ZERO } from '../../dte/money.js';
import { money } from './csv.js';
import { debitoFiscal, isReportable, ivaPerci, ivaRete, num, party, receptor } from './dte-fields.js';
import type { MonthDocument } from './month-documents.js';

export interface LibroColumn {
  header: string;
  kind: 'text' | 'money';
  /** Relative width in the PDF. */
  weight: number;
}

export interface Libro {
  title: string;
  columns: LibroColumn[];
  rows: string[][];
  totals: string[];
}

const t = (header: string, weight = 1): LibroColumn => ({ header, kind: 'text', weight });
const m = (header: string): LibroColumn => ({ header, kind: 'money', weight: 1 });

export const CONTRIBUYENTES_COLUMNS: LibroColumn[] = [
  t('Nº', 0.5),
  t('Fecha', 0.9),
  t('Tipo', 0.5),
  t('Número de control', 2.2),
  t('Sello de recepción', 2.4),
  t('Código de generación', 2.5),
  t('Cliente', 2.4),
  t('NRC', 0.9),
  m('Exentas'),
  m('No sujetas'),
  m('Gravadas'),
  m('Débito fiscal'),
  m('IVA percibido'),
  m('IVA retenido'),
  m('Total'),
];

function totalsRow(
  columns: readonly LibroColumn[],
  rows: readonly string[][],
  label: string,
  labelAt: number,
): string[] {
  return columns.map((c, i) =>
    c.kind === 'money' ? money(sum(rows.map((r) => dec(r[i]!)))) : i === labelAt ? label : '',
  );
}
const dec = (s: string): Dec => (s ? new D(s) : ZERO);

export function libroContribuyentes(docs: readonly MonthDocument[]): Libro {
  const lines = docs.filter(
    (d) => ['03', '05', '06'].includes(d.tipoDte) && (isReportable(d) || d.status === 'INVALIDATED'),
  );
  const rows = lines.map((d, i) => {
    const p = party(receptor(d));
    const anulado = d.status === 'INVALIDATED';
    const sign = d.tipoDte === '05' ? -1 : 1;
    const v = (x: Dec) => money(anulado ? ZERO : x.times(sign));
    const [ex, ns, gr] = [num(d, 'totalExenta'), num(d, 'totalNoSuj'), num(d, 'totalGravada')];
    const [deb, per, ret] = [debitoFiscal(d), ivaPerci(d), ivaRete(d)];
    return [
      String(i + 1),
      d.fecEmi,
      d.tipoDte,
      d.numeroControl,
      d.selloRecibido ?? '',
      d.codigoGeneracion,
      anulado ? `ANULADO — ${p.nombre}` : p.nombre,
      p.nrc ?? '',
      v(ex),
      v(ns),
      v(gr),
      v(deb),
      v(per),
      v(ret),
      v(sum([ex, ns, gr, deb])),
    ];
  });
  const totals = totalsRow(CONTRIBUYENTES_COLUMNS, rows, 'TOTALES', 6);
  return { title: 'Libro de Ventas a Contribuyentes', columns: CONTRIBUYENTES_COLUMNS, rows, totals };
}

export const CONSUMIDOR_COLUMNS: LibroColumn[] = [
  t('Día', 0.9),
  t('Tipo', 0.5),
  t('Del (número de control)', 2.2),
  t('Al (número de control)', 2.2),
  t('Del (código de generación)', 2.5),
  t('Al (código de generación)', 2.5),
  t('Docs', 0.5),
  m('Exentas'),
  m('No sujetas'),
  m('Gravadas (IVA incluido)'),
  m('IVA incluido'),
  m('Exportaciones'),
  m('Total'),
];

export function libroConsumidorFinal(docs: readonly MonthDocument[]): Libro {
  const days = new Map<string, MonthDocument[]>();
  for (const d of docs) {
    if (!['01', '11'].includes(d.tipoDte) || !isReportable(d)) continue;
    const key = `${d.fecEmi}|${d.tipoDte}`;
    days.set(key, [...(days.get(key) ?? []), d]);
  }
  const rows = [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, ds]) => {
      const [fecha, tipo] = key.split('|') as [string, string];
      const first = ds[0]!;
      const last = ds[ds.length - 1]!;
      const fe = tipo === '01' ? ds : [];
      const [ex, ns, gr, iva] = ['totalExenta', 'totalNoSuj', 'totalGravada', 'totalIva'].map((k) =>
        sum(fe.map((d) => num(d, k))),
      );
      const exp = sum((tipo === '11' ? ds : []).map((d) => num(d, 'totalGravada')));
      return [
        fecha,
        tipo,
        first.numeroControl,
        last.numeroControl,
        first.codigoGeneracion,
        last.codigoGeneracion,
        String(ds.length),
        money(ex),
        money(ns),
        money(gr),
        money(iva),
        money(exp),
        money(sum([ex!, ns!, gr!, exp])),
      ];
    });
  const totals = totalsRow(CONSUMIDOR_COLUMNS, rows, 'TOTALES', 0);
  return { title: 'Libro de Ventas a Consumidor Final', columns: CONSUMIDOR_COLUMNS, rows, totals };
}

/** RFC 4180 CSV (comma, quotes doubled, CRLF) with the header and the totals line; UTF-8 with BOM for spreadsheets. */
export function libroCsv(l: Libro): Buffer {
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [l.columns.map((c) => c.header), ...l.rows, l.totals].map((r) => r.map(cell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
