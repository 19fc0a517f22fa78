/**
 * Letter-size versión legible: header (logo + emisor | title, QR, identification, sello), receptor, optional
 * sections, items table (paginated, header repeated), totals, trailing sections.
 */
import type { DteView } from './dte-view.js';
import { contentBottom, drawLogo, ensureSpace, FONT, FONT_BOLD, type Pdf } from './pdf-kit.js';
import { labelled, labelledLine, textLine } from './pdf-text-line.js';
import type { PdfImage } from './pdf-image.js';
import { drawQr, type QrImage } from './qr-image.js';
import { drawItemsTable } from './pdf-table.js';
import { replayedBlock } from './pdf-replay.js';
import type { PartyView } from './view-parties.js';
import type { SectionView } from './view-sections.js';

export const LETTER: [number, number] = [612, 792];
export const LETTER_MARGIN = 36;
const GAP = 10;
const SMALL = 7.5;

function party(doc: Pdf, p: PartyView, x: number, y: number, width: number): number {
  textLine(doc.font(FONT_BOLD).fontSize(8).fillColor('#444444'), p.heading, x, y, { width });
  textLine(doc.font(FONT_BOLD).fontSize(10).fillColor('#000000'), p.name || '—', x, doc.y + 1, { width });
  doc.font(FONT).fontSize(SMALL);
  for (const line of p.lines) textLine(doc, line, x, doc.y + 1, { width });
  return doc.y;
}

function headerRight(doc: Pdf, view: DteView, qr: QrImage, x: number, y: number, width: number): number {
  doc.font(FONT_BOLD).fontSize(8).fillColor('#444444');
  textLine(doc, 'DOCUMENTO TRIBUTARIO ELECTRÓNICO', x, y, { width, align: 'center' });
  textLine(doc.font(FONT_BOLD).fontSize(12).fillColor('#000000'), view.title, x, doc.y + 2, { width, align: 'center' });
  const qrSize = 92;
  const qrTop = doc.y + 4;
  drawQr(doc, qr, x + (width - qrSize) / 2, qrTop, qrSize);
  doc.y = qrTop + qrSize + 4;
  for (const row of view.identification) labelled(doc, row.label, row.value, x, width, SMALL);
  selloBlock(doc, view, x, width);
  labelled(doc, 'Estado', view.statusLabel, x, width, SMALL);
  return doc.y;
}

function selloBlock(doc: Pdf, view: DteView, x: number, width: number): void {
  if (view.sello.sealed) {
    labelled(doc, 'Sello de recepción', view.sello.text, x, width, SMALL);
    if (view.sello.fhProcesamiento)
      labelled(doc, 'Fecha de procesamiento', view.sello.fhProcesamiento, x, width, SMALL);
    return;
  }
  textLine(doc.font(FONT_BOLD).fontSize(7).fillColor('#c00000'), view.sello.text, x, doc.y + 3, {
    width,
    align: 'center',
  });
  doc.fillColor('#000000');
}

function header(doc: Pdf, view: DteView, qr: QrImage, logo: PdfImage | null): void {
  const top = LETTER_MARGIN;
  const left = LETTER_MARGIN;
  const rightX = 340;
  let leftY = top;
  if (logo) {
    drawLogo(doc, logo, left, top, [160, 60], 'left');
    leftY = top + 66;
  }
  // the emisor's block is the same on every document of the establishment: drawn once, then replayed
  const width = rightX - left - GAP * 2;
  const { heading, name, lines } = view.emisor;
  const key = JSON.stringify([
    'letter-emisor',
    left,
    leftY,
    width,
    doc.page.height,
    doc.page.margins.bottom,
    heading,
    name,
    lines,
  ]);
  const leftBottom = replayedBlock(doc, key, () => party(doc, view.emisor, left, leftY, width));
  const rightBottom = headerRight(doc, view, qr, rightX, top, LETTER[0] - LETTER_MARGIN - rightX);
  doc.y = Math.max(leftBottom, rightBottom) + GAP;
  rule(doc);
}

function rule(doc: Pdf): void {
  doc
    .moveTo(LETTER_MARGIN, doc.y)
    .lineTo(LETTER[0] - LETTER_MARGIN, doc.y)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke();
  doc.y += 6;
}

function section(doc: Pdf, s: SectionView, width: number): void {
  ensureSpace(doc, 24);
  textLine(doc.font(FONT_BOLD).fontSize(8), s.title, LETTER_MARGIN, doc.y, { width });
  doc.font(FONT).fontSize(SMALL);
  for (const line of s.lines) {
    ensureSpace(doc, 10);
    textLine(doc, line, LETTER_MARGIN, doc.y + 1, { width });
  }
  doc.y += 6;
}

function totals(doc: Pdf, view: DteView, width: number): void {
  const { lines, totalLetras, notes } = view.totals;
  const boxX = LETTER_MARGIN + width - 250;
  const leftWidth = width - 270;
  // Keep the block on one page: two columns side by side cannot be split sensibly.
  const estimate = Math.max(lines.length * 12, (notes.length + 3) * 10);
  ensureSpace(doc, Math.min(estimate, contentBottom(doc) - doc.page.margins.top));
  const top = doc.y;
  for (const line of lines) {
    const y = doc.y;
    doc.font(line.strong ? FONT_BOLD : FONT).fontSize(line.strong ? 9.5 : SMALL);
    textLine(doc, line.label, boxX, y, { width: 160 });
    const labelBottom = doc.y;
    textLine(doc, line.value, boxX + 160, y, { width: 90, align: 'right' });
    doc.y = Math.max(labelBottom, doc.y, y + (line.strong ? 12 : 10));
  }
  const afterTotals = doc.y;
  doc.y = top;
  if (totalLetras) {
    doc.fontSize(SMALL);
    if (!labelledLine(doc, 'Valor en letras', totalLetras, LETTER_MARGIN, doc.y, leftWidth)) {
      doc
        .font(FONT_BOLD)
        .fontSize(SMALL)
        .text('Valor en letras: ', LETTER_MARGIN, doc.y, { width: leftWidth, continued: true });
      doc.font(FONT).text(totalLetras);
    }
  }
  doc.font(FONT).fontSize(SMALL);
  for (const note of notes) textLine(doc, note, LETTER_MARGIN, doc.y + 2, { width: leftWidth });
  doc.y = Math.max(doc.y, afterTotals) + GAP;
}

export function drawLetter(doc: Pdf, view: DteView, qr: QrImage, logo: PdfImage | null): void {
  const width = LETTER[0] - LETTER_MARGIN * 2;
  header(doc, view, qr, logo);
  doc.y = party(doc, view.receptor, LETTER_MARGIN, doc.y, width) + GAP;
  for (const s of view.sections) section(doc, s, width);
  if (view.table) drawItemsTable(doc, view.table, LETTER_MARGIN, width);
  doc.y += GAP;
  totals(doc, view, width);
  for (const s of view.trailing) section(doc, s, width);
}
