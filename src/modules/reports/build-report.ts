/**
 * Builds the file of one monthly report from the tenant's documents of the period: the F-07 annexes (a ZIP of the
 * `;`-separated files the portal takes, only the annexes that have rows, and a LEEME.txt), the sales books (CSV + PDF
 * of each, in a ZIP), or the monthly archive (every document's Archivo DTE JSON and PDF, with an index).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ivaReturnDeadline, type BusinessCalendar } from '../../dte/index.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { buildArchive, type Progress } from './archive.js';
import { csvFile } from './csv.js';
import { isPending } from './dte-fields.js';
import { anexo5Rows, anexo9Rows, anuladosRows, retencionRows } from './f07-otros.js';
import { f07Options } from './f07-options.js';
import { anexo1Rows, anexo2Rows } from './f07-ventas.js';
import { renderLibroPdf } from './libro-pdf.js';
import { libroConsumidorFinal, libroContribuyentes, libroCsv } from './libros.js';
import { loadMonth, type MonthDocument, type MonthDocuments, type Period } from './month-documents.js';
import type { ReportKind } from './report.entity.js';
import { zip, type ZipEntry } from './zip.js';

export interface BuiltReport {
  name: string;
  contentType: string;
  content: Buffer;
  documents: number;
}

export interface ReportRequest {
  tenantId: string;
  ambiente: string;
  period: Period;
  kind: ReportKind;
  options: Record<string, unknown>;
  calendar: BusinessCalendar;
}

const MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];
export const periodName = (p: Period) => `${MONTHS[p.month - 1]} de ${p.year}`;
const compact = (p: Period) => p.key.replace('-', '');

function pendingNote(docs: readonly MonthDocument[]): string[] {
  const pending = docs.filter(isPending);
  if (!pending.length) return ['Todos los documentos del período tienen sello de recepción o fueron invalidados.'];
  return [
    `${pending.length} documento(s) del período aún sin sello de MH (no incluidos en anexos ni libros):`,
    ...pending.map((d) => `  ${d.tipoDte} ${d.numeroControl} ${d.codigoGeneracion} ${d.status}`),
  ];
}

export function buildF07(
  month: MonthDocuments,
  options: Record<string, unknown>,
  calendar: BusinessCalendar,
): ZipEntry[] {
  const { options: o } = f07Options(options);
  const { emitted, period } = month;
  const files: [string, string[][]][] = [
    [`F07_A1_CONTRIB_${compact(period)}.CSV`, anexo1Rows(emitted, period, o)],
    [`F07_A2_CONSFINAL_${compact(period)}.CSV`, anexo2Rows(emitted, period, o)],
    [`F07_A5_SUJEXCL_${compact(period)}.CSV`, anexo5Rows(emitted, o)],
    [`F07_A9_PERCEP_${compact(period)}.CSV`, anexo9Rows(emitted)],
    [`F07_A10_RETEN1_${compact(period)}.CSV`, retencionRows(emitted, '22')],
    [`F07_A12_RETEN13_${compact(period)}.CSV`, retencionRows(emitted, 'C4')],
    [`F07_ANULADOS_${compact(period)}.CSV`, anuladosRows(emitted, month.lateInvalidated, o)],
  ];
  const present = files.filter(([, rows]) => rows.length > 0);
  const readme = [
    `Anexos F-07 — período ${periodName(period)}`,
    `Vencimiento de la declaración (10.º día hábil del mes siguiente): ${ivaReturnDeadline(period.first, calendar)}`,
    `Opciones: ${JSON.stringify(o)}`,
    '',
    ...files.map(([name, rows]) => `${name}: ${rows.length} fila(s)${rows.length ? '' : ' — sin datos, no se genera'}`),
    '',
    ...pendingNote(emitted),
  ].join('\r\n');
  return [
    ...present.map(([name, rows]) => ({ name, data: csvFile(rows, o) })),
    { name: 'LEEME.txt', data: Buffer.from(`${readme}\r\n`, 'utf8') },
  ];
}

export async function buildLibros(month: MonthDocuments, tenant: Tenant): Promise<ZipEntry[]> {
  const header = { nombre: tenant.nombre, nit: tenant.nit, nrc: tenant.nrc, periodo: periodName(month.period) };
  const out: ZipEntry[] = [];
  const libros = [
    ['CONTRIBUYENTES', libroContribuyentes(month.emitted)],
    ['CONSUMIDOR_FINAL', libroConsumidorFinal(month.emitted)],
  ] as const;
  for (const [slug, libro] of libros) {
    out.push({ name: `LIBRO_VENTAS_${slug}_${compact(month.period)}.csv`, data: libroCsv(libro) });
    out.push({ name: `LIBRO_VENTAS_${slug}_${compact(month.period)}.pdf`, data: await renderLibroPdf(libro, header) });
  }
  return out;
}

export async function buildReport(em: EntityManager, req: ReportRequest, progress: Progress): Promise<BuiltReport> {
  const tenant = await em.findOneOrFail(Tenant, { id: req.tenantId }, { filters: false });
  const month = await loadMonth(em, req.tenantId, req.ambiente, req.period, req.calendar);
  const base = `${req.kind}_${tenant.nit}_${compact(req.period)}`;
  let entries: ZipEntry[];
  if (req.kind === 'F07_ANEXOS') entries = buildF07(month, req.options, req.calendar);
  else if (req.kind === 'LIBROS_VENTAS') entries = await buildLibros(month, tenant);
  else entries = await buildArchive(em, month, progress);
  await progress(1, 1);
  return {
    name: `${base}.zip`,
    contentType: 'application/zip',
    content: zip(entries),
    documents: month.emitted.length,
  };
}
