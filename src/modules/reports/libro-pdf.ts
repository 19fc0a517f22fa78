/**
 * A sales book as a PDF a person signs: landscape letter, the taxpayer (nombre, NIT, NRC) and the period on every
 * page, the table with its header repeated on each page, the totals line, page numbers, and at the end the signature
 * lines of the taxpayer or legal representative and of the accountant, with name and date to fill in.
 */
import { contentBottom, createPdf, ensureSpace, finish, FONT, FONT_BOLD, type Pdf } from '../documents/pdf-kit.js';
import type { Libro } from './libros.js';

export interface LibroHeader {
  nombre: string;
  nit: string;
  nrc: string;
  /** e.g. "noviembre de 2026" */
  periodo: string;
}

const SIZE = 6.5;
const PAD = 2;
const MARGIN = 28;

function widths(l: Libro, total: number): number[] {
  const w = l.columns.reduce((a, c) => a + c.weight, 0);
  return l.columns.map((c) => (c.weight / w) * total);
}

function pageHeader(doc: Pdf, l: Libro, h: LibroHeader): void {
  doc.font(FONT_BOLD).fontSize(11).text(l.title.toUpperCase(), MARGIN, MARGIN, { align: 'center' });
  doc
    .font(FONT)
    .fontSize(8)
    .text(`${h.nombre}   ·   NIT ${h.nit}   ·   NRC ${h.nrc}   ·   Período: ${h.periodo}`, { align: 'center' });
  doc.moveDown(0.6);
}

function row(
  doc: Pdf,
  l: Libro,
  h: LibroHeader,
  cells: readonly string[],
  ws: number[],
  style: 'header' | 'body' | 'total',
): void {
  doc.font(style === 'body' ? FONT : FONT_BOLD).fontSize(SIZE);
  const height = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: ws[i]! - PAD * 2 }))) + PAD * 2;
  if (ensureSpace(doc, height + (style === 'body' ? 0 : 4))) {
    pageHeader(doc, l, h);
    if (style !== 'header')
      row(
        doc,
        l,
        h,
        l.columns.map((c) => c.header),
        ws,
        'header',
      );
    doc.font(style === 'body' ? FONT : FONT_BOLD).fontSize(SIZE);
  }
  const y = doc.y;
  const width = ws.reduce((a, b) => a + b, 0);
  if (style !== 'body') doc.rect(MARGIN, y, width, height).fillColor('#e6e6e6').fill().fillColor('#000000');
  let x = MARGIN;
  cells.forEach((c, i) => {
    doc.text(c, x + PAD, y + PAD, {
      width: ws[i]! - PAD * 2,
      align: style !== 'header' && l.columns[i]!.kind === 'money' ? 'right' : 'left',
    });
    x += ws[i]!;
  });
  doc
    .moveTo(MARGIN, y + height)
    .lineTo(MARGIN + width, y + height)
    .lineWidth(0.3)
    .strokeColor('#bbbbbb')
    .stroke();
  doc.y = y + height;
}

function signatures(doc: Pdf): void {
  ensureSpace(doc, 110);
  doc.y += 50;
  const y = doc.y;
  const w = 220;
  const blocks = [
    { x: MARGIN + 40, label: 'Contribuyente o representante legal' },
    { x: doc.page.width - MARGIN - 40 - w, label: 'Contador' },
  ];
  for (const b of blocks) {
    doc
      .moveTo(b.x, y)
      .lineTo(b.x + w, y)
      .lineWidth(0.6)
      .strokeColor('#000000')
      .stroke();
    doc
      .font(FONT_BOLD)
      .fontSize(8)
      .text(`Firma — ${b.label}`, b.x, y + 4, { width: w, align: 'center' });
    doc
      .font(FONT)
      .fontSize(8)
      .text('Nombre: ______________________________', b.x, y + 20, { width: w });
    doc.text('Fecha: ____ / ____ / ________', b.x, y + 34, { width: w });
  }
}

export async function renderLibroPdf(l: Libro, header: LibroHeader): Promise<Buffer> {
  const doc = createPdf(
    [792, 612],
    { top: MARGIN, bottom: MARGIN + 12, left: MARGIN, right: MARGIN },
    `${l.title} — ${header.periodo}`,
  );
  const ws = widths(l, doc.page.width - MARGIN * 2);
  pageHeader(doc, l, header);
  row(
    doc,
    l,
    header,
    l.columns.map((c) => c.header),
    ws,
    'header',
  );
  if (!l.rows.length)
    doc
      .font(FONT)
      .fontSize(8)
      .text('Sin operaciones en el período.', MARGIN, doc.y + 4);
  for (const r of l.rows) row(doc, l, header, r, ws, 'body');
  row(doc, l, header, l.totals, ws, 'total');
  signatures(doc);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = contentBottom(doc) + 2;
    const width = doc.page.width - MARGIN * 2;
    doc
      .font(FONT)
      .fontSize(7)
      .text(`Página ${i + 1} de ${range.count}`, MARGIN, bottom, { width, align: 'right', lineBreak: false });
  }
  return finish(doc);
}
