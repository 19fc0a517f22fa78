/**
 * Builds the renderer-independent view of a DTE: everything the letter and ticket layouts print, already as text.
 * Keeping it apart from pdfkit lets both layouts share one reading of MH's JSON.
 */
import { DocumentRenderError, requiredIdentificacion, textAt, type DteJson, type DteStatus } from './dte-json.js';
import { dateEs } from './format.js';
import type { PdfImage } from './pdf-image.js';
import {
  CAT_003_MODELO,
  CAT_004_TRANSMISION,
  CAT_005_CONTINGENCIA,
  label,
  STATUS_LABEL,
  TIPO_DTE_TITLE,
} from './labels.js';
import { consultaPublicaUrl } from './qr.js';
import { itemsTable, ticketItems, type ItemsTableView, type TicketItemView } from './view-items.js';
import { partyViews, type PartyView } from './view-parties.js';
import { sectionViews, trailingSectionViews, type SectionView } from './view-sections.js';
import { totalsView, type TotalsView } from './view-totals.js';

export interface RenderDteInput {
  document: DteJson;
  status: DteStatus;
  selloRecibido: string | null;
  fhProcesamiento: string | null;
  /** Issued against an MH sandbox: never printed as sealed by MH. */
  sandbox?: boolean;
  /** PNG or JPEG bytes, or an image already prepared for PDFs (pdf-image.ts). */
  logo?: Buffer | PdfImage | null;
  variant?: 'letter' | 'ticket';
}

export interface SelloView {
  /** True when MH's sello de recepción is known. */
  sealed: boolean;
  /** `Sello de recepción: …` or the notice explaining why there is none. */
  text: string;
  fhProcesamiento: string | null;
}

export interface DteView {
  tipoDte: string;
  title: string;
  identification: { label: string; value: string }[];
  codigoGeneracion: string;
  numeroControl: string;
  sello: SelloView;
  statusLabel: string;
  /** Big diagonal mark (INVALIDATED / REJECTED), or null. */
  watermark: string | null;
  emisor: PartyView;
  receptor: PartyView;
  sections: SectionView[];
  /** The letter's items table (null on the ticket, or without items). */
  table: ItemsTableView | null;
  /** The ticket's item lines (empty on the letter). */
  ticketItems: TicketItemView[];
  totals: TotalsView;
  trailing: SectionView[];
  qrUrl: string;
}

export const CONTINGENCY_NOTICE = 'DOCUMENTO EN CONTINGENCIA — SIN SELLO DE RECEPCIÓN';
export const PENDING_NOTICE = 'PENDIENTE — SIN SELLO DE RECEPCIÓN';
export const REJECTED_NOTICE = 'RECHAZADO POR HACIENDA — SIN SELLO DE RECEPCIÓN';
export const SANDBOX_NOTICE = 'SANDBOX — SIN VALIDEZ FISCAL';

function isContingency(input: RenderDteInput): boolean {
  // tipoOperacion 2 = transmisión por contingencia (CAT-004, MH's rules).
  return input.status === 'CONTINGENCY' || textAt(input.document.identificacion, 'tipoOperacion') === '2';
}

function selloView(input: RenderDteInput): SelloView {
  if (input.sandbox) {
    // A sandbox's sello is not MH's: printed as a notice, never in the place of a real sello de recepción.
    const text = input.selloRecibido ? `${SANDBOX_NOTICE} (sello simulado ${input.selloRecibido})` : SANDBOX_NOTICE;
    return { sealed: false, text, fhProcesamiento: null };
  }
  if (input.selloRecibido) {
    return { sealed: true, text: input.selloRecibido, fhProcesamiento: input.fhProcesamiento };
  }
  const text =
    input.status === 'REJECTED' ? REJECTED_NOTICE : isContingency(input) ? CONTINGENCY_NOTICE : PENDING_NOTICE;
  return { sealed: false, text, fhProcesamiento: null };
}

function identification(input: RenderDteInput): { label: string; value: string }[] {
  const id = input.document.identificacion;
  const rows = [
    { label: 'Código de generación', value: textAt(id, 'codigoGeneracion') },
    { label: 'Número de control', value: textAt(id, 'numeroControl') },
    { label: 'Fecha y hora de emisión', value: `${dateEs(textAt(id, 'fecEmi'))} ${textAt(id, 'horEmi')}`.trim() },
    { label: 'Modelo de facturación', value: label(CAT_003_MODELO, textAt(id, 'tipoModelo')) },
    { label: 'Tipo de transmisión', value: label(CAT_004_TRANSMISION, textAt(id, 'tipoOperacion')) },
    { label: 'Versión del JSON', value: textAt(id, 'version') },
    { label: 'Ambiente', value: textAt(id, 'ambiente') === '01' ? 'Producción' : 'Pruebas' },
  ];
  const contingencia = textAt(id, 'tipoContingencia');
  if (contingencia) rows.push({ label: 'Tipo de contingencia', value: label(CAT_005_CONTINGENCIA, contingencia) });
  const motivo = textAt(id, 'motivoContin');
  if (motivo) rows.push({ label: 'Motivo de contingencia', value: motivo });
  return rows.filter((r) => r.value);
}

function watermark(status: DteStatus, sandbox: boolean): string | null {
  if (status === 'INVALIDATED') return 'ANULADO';
  if (status === 'REJECTED') return 'RECHAZADO';
  return sandbox ? 'SANDBOX' : null;
}

export function buildDteView(input: RenderDteInput): DteView {
  const doc = input.document;
  const tipoDte = requiredIdentificacion(doc, 'tipoDte');
  const title = TIPO_DTE_TITLE[tipoDte];
  if (!title) {
    throw new DocumentRenderError(
      'UNSUPPORTED_TIPO_DTE',
      'identificacion.tipoDte',
      `"${tipoDte}" is not a DTE type (CAT-002)`,
    );
  }
  const parties = partyViews(doc, tipoDte);
  // Each layout prints the items its own way: the letter a table, the ticket one line per item.
  const ticket = input.variant === 'ticket';
  return {
    tipoDte,
    title,
    identification: identification(input),
    codigoGeneracion: requiredIdentificacion(doc, 'codigoGeneracion'),
    numeroControl: requiredIdentificacion(doc, 'numeroControl'),
    sello: selloView(input),
    statusLabel: STATUS_LABEL[input.status],
    watermark: watermark(input.status, input.sandbox === true),
    emisor: parties.emisor,
    receptor: parties.receptor,
    sections: sectionViews(doc),
    table: ticket ? null : itemsTable(doc, tipoDte),
    ticketItems: ticket ? ticketItems(doc) : [],
    totals: totalsView(doc),
    trailing: trailingSectionViews(doc),
    qrUrl: consultaPublicaUrl(doc),
  };
}
