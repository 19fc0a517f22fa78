/**
 * 80 mm roll (226.77 pt wide) ticket: one column, everything stacked, QR at the end. The page height is fitted to
 * the content by the caller (two passes, see pdf.ts).
 */
import type { DteView } from './dte-view.js';
import { drawLogo, ensureSpace, FONT, FONT_BOLD, type Pdf } from './pdf-kit.js';
import { labelled as labelledText, textLine } from './pdf-text-line.js';
import type { PdfImage } from './pdf-image.js';
import { drawQr, type QrImage } from './qr-image.js';
import type { PartyView } from './view-parties.js';
import type { SectionView } from './view-sections.js';

export const TICKET_WIDTH = 226.77; // 80 mm
export const TICKET_MARGIN = 14;
const W = TICKET_WIDTH - TICKET_MARGIN * 2;
const X = TICKET_MARGIN;
const SMALL = 6.5;

function centered(doc: Pdf, text: string, size: number, bold = false): void {
  ensureSpace(doc, size + 4);
  textLine(doc.font(bold ? FONT_BOLD : FONT).fontSize(size), text, X, doc.y, { width: W, align: 'center' });
}

function divider(doc: Pdf): void {
  ensureSpace(doc, 8);
  doc.y += 3;
  doc
    .moveTo(X, doc.y)
    .lineTo(X + W, doc.y)
    .dash(2, { space: 2 })
    .lineWidth(0.5)
    .strokeColor('#555555')
    .stroke()
    .undash();
  doc.y += 4;
}

function labelled(doc: Pdf, label: string, value: string): void {
  ensureSpace(doc, 16);
  labelledText(doc, label, value, X, W, SMALL);
}

function leftRight(doc: Pdf, left: string, right: string, bold = false, size = SMALL): void {
  ensureSpace(doc, size + 4);
  const y = doc.y;
  doc.font(bold ? FONT_BOLD : FONT).fontSize(size);
  textLine(doc, left, X, y, { width: W - 70 });
  const after = doc.y;
  textLine(doc, right, X + W - 70, y, { width: 70, align: 'right' });
  doc.y = Math.max(after, doc.y);
}

function party(doc: Pdf, p: PartyView): void {
  centered(doc, p.heading, SMALL, true);
  centered(doc, p.name || '—', 7.5, true);
  for (const line of p.lines) centered(doc, line, SMALL);
}

function section(doc: Pdf, s: SectionView): void {
  divider(doc);
  centered(doc, s.title, SMALL, true);
  doc.font(FONT).fontSize(SMALL);
  for (const line of s.lines) {
    ensureSpace(doc, 9);
    textLine(doc, line, X, doc.y, { width: W });
  }
}

function sello(doc: Pdf, view: DteView): void {
  if (view.sello.sealed) {
    labelled(doc, 'Sello de recepción', view.sello.text);
    if (view.sello.fhProcesamiento) labelled(doc, 'Fecha de procesamiento', view.sello.fhProcesamiento);
  } else {
    doc.fillColor('#c00000');
    centered(doc, view.sello.text, 6, true);
    doc.fillColor('#000000');
  }
  labelled(doc, 'Estado', view.statusLabel);
}

function items(doc: Pdf, view: DteView): void {
  for (const item of view.ticketItems) {
    ensureSpace(doc, 18);
    textLine(doc.font(FONT).fontSize(SMALL), item.description, X, doc.y, { width: W });
    leftRight(doc, item.detail, item.amount);
  }
}

function totals(doc: Pdf, view: DteView): void {
  for (const line of view.totals.lines) leftRight(doc, line.label, line.value, line.strong, line.strong ? 8 : SMALL);
  if (view.totals.totalLetras) labelled(doc, 'Valor en letras', view.totals.totalLetras);
  doc.font(FONT).fontSize(SMALL);
  for (const note of view.totals.notes) {
    ensureSpace(doc, 9);
    textLine(doc, note, X, doc.y, { width: W });
  }
}

function qrBlock(doc: Pdf, qr: QrImage): void {
  const size = 120;
  ensureSpace(doc, size + 16);
  drawQr(doc, qr, X + (W - size) / 2, doc.y + 4, size);
  doc.y += size + 6;
  centered(doc, 'Consulte este documento en el portal del Ministerio de Hacienda', 5.5);
}

export function drawTicket(doc: Pdf, view: DteView, qr: QrImage, logo: PdfImage | null): void {
  doc.y = TICKET_MARGIN;
  if (logo) {
    drawLogo(doc, logo, X, doc.y, [W, 50], 'center');
    doc.y += 54;
  }
  party(doc, view.emisor);
  divider(doc);
  centered(doc, 'DOCUMENTO TRIBUTARIO ELECTRÓNICO', SMALL, true);
  centered(doc, view.title, 8.5, true);
  for (const row of view.identification) labelled(doc, row.label, row.value);
  sello(doc, view);
  divider(doc);
  party(doc, view.receptor);
  for (const s of view.sections) section(doc, s);
  divider(doc);
  items(doc, view);
  divider(doc);
  totals(doc, view);
  for (const s of view.trailing) section(doc, s);
  divider(doc);
  qrBlock(doc, qr);
}
