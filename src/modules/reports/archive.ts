/**
 * The monthly archive: for every document of the period that was signed (sealed, in contingency or invalidated), its
 * Archivo DTE (the DTE JSON + firmaElectronica + selloRecibido, what the receptor gets) and its PDF (versión legible);
 * for an invalidated one also the sealed invalidation event; and an index (indice.csv) listing every document of the
 * period, the unsigned ones included with their status, so the archive accounts for the whole correlative series.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { archivoDte } from '../documents/archivo-dte.js';
import { loadOrRenderPdf } from '../documents/store.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { receptor } from './dte-fields.js';
import type { MonthDocument, MonthDocuments } from './month-documents.js';
import type { ZipEntry } from './zip.js';

/** Reports how far a long build got (documents done of total). */
export type Progress = (done: number, total: number) => Promise<void>;

const BATCH = 50;
export const INDEX_COLUMNS = [
  'tipoDte',
  'numeroControl',
  'codigoGeneracion',
  'fecEmi',
  'horEmi',
  'estado',
  'selloRecibido',
  'receptor',
  'totalPagar',
  'archivoJson',
  'pdf',
  'invalidacion',
] as const;

const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function buildArchive(em: EntityManager, month: MonthDocuments, progress: Progress): Promise<ZipEntry[]> {
  const docs = month.emitted;
  const entries: ZipEntry[] = [];
  const index: string[][] = [];
  for (let i = 0; i < docs.length; i += BATCH) {
    const slice = docs.slice(i, i + BATCH);
    const invoices = await em.fork().find(Invoice, { id: { $in: slice.map((d) => d.id) } }, { filters: false });
    const byId = new Map(invoices.map((inv) => [inv.id, inv]));
    for (const d of slice) {
      const inv = byId.get(d.id);
      index.push(await addDocument(em, entries, d, inv));
    }
    await progress(Math.min(i + BATCH, docs.length), docs.length + 1);
  }
  const csv = [INDEX_COLUMNS.join(','), ...index.map((r) => r.map(cell).join(','))].join('\r\n');
  entries.push({ name: 'indice.csv', data: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8') });
  return entries;
}

async function addDocument(
  em: EntityManager,
  entries: ZipEntry[],
  d: MonthDocument,
  inv: Invoice | undefined,
): Promise<string[]> {
  const dir = `${d.tipoDte}/${d.codigoGeneracion}`;
  const archivo = inv ? archivoDte(inv) : null;
  let json = '';
  let pdf = '';
  let anulacion = '';
  if (inv && archivo) {
    json = `${dir}.json`;
    entries.push({ name: json, data: Buffer.from(JSON.stringify(archivo, null, 2), 'utf8') });
    pdf = `${dir}.pdf`;
    entries.push({ name: pdf, data: await loadOrRenderPdf(em.fork(), inv, 'letter') });
    if (inv.status === 'INVALIDATED' && inv.invalidation) {
      anulacion = `${dir}.invalidacion.json`;
      entries.push({ name: anulacion, data: Buffer.from(JSON.stringify(inv.invalidation, null, 2), 'utf8') });
    }
  }
  const r = receptor(d);
  return [
    d.tipoDte,
    d.numeroControl,
    d.codigoGeneracion,
    d.fecEmi,
    d.horEmi,
    d.status,
    d.selloRecibido ?? '',
    typeof r.nombre === 'string' ? r.nombre : '',
    d.totalPagar,
    json,
    pdf,
    anulacion,
  ];
}
