/**
 * The items table of the letter layout. Rows wrap their description; a row that does not fit starts a new page
 * and the column header is repeated there, so long item lists (up to 2000 lines, MH's rules) paginate cleanly.
 */
import { ensureSpace, FONT, FONT_BOLD, type Pdf } from './pdf-kit.js';
import { heightOfLine, textLine } from './pdf-text-line.js';
import type { ItemsTableView } from './view-items.js';

const FONT_SIZE = 7;
const PAD = 2;
const UNIT = 44; // points per weight unit of a fixed column
const MIN_DESCRIPTION = 110;

function columnWidths(table: ItemsTableView, width: number): number[] {
  const fixed = table.columns.reduce((sum, c) => sum + c.weight * UNIT, 0);
  const flexible = table.columns.some((c) => c.weight === 0);
  const room = flexible ? width - MIN_DESCRIPTION : width;
  const scale = fixed > room ? room / fixed : 1;
  const widths = table.columns.map((c) => c.weight * UNIT * scale);
  const used = widths.reduce((a, b) => a + b, 0);
  return table.columns.map((c, i) =>
    c.weight === 0 ? width - used : widths[i]! + (flexible ? 0 : (width - used) / table.columns.length),
  );
}

function rowHeight(doc: Pdf, cells: string[], widths: number[], bold: boolean): number {
  doc.font(bold ? FONT_BOLD : FONT).fontSize(FONT_SIZE);
  return Math.max(...cells.map((text, i) => heightOfLine(doc, text || ' ', widths[i]! - PAD * 2))) + PAD * 2;
}

function drawRow(
  doc: Pdf,
  table: ItemsTableView,
  cells: string[],
  x: number,
  widths: number[],
  header: boolean,
  height: number,
): void {
  doc.font(header ? FONT_BOLD : FONT).fontSize(FONT_SIZE);
  const y = doc.y;
  const total = widths.reduce((a, b) => a + b, 0);
  if (header) doc.rect(x, y, total, height).fillColor('#e6e6e6').fill().fillColor('#000000');
  let cx = x;
  cells.forEach((text, i) => {
    const align = !header && table.columns[i]!.kind !== 'text' ? 'right' : 'left';
    textLine(doc, text, cx + PAD, y + PAD, { width: widths[i]! - PAD * 2, align });
    cx += widths[i]!;
  });
  doc
    .moveTo(x, y + height)
    .lineTo(x + total, y + height)
    .lineWidth(0.3)
    .strokeColor('#bbbbbb')
    .stroke();
  doc.y = y + height;
}

export function drawItemsTable(doc: Pdf, table: ItemsTableView, x: number, width: number): void {
  const widths = columnWidths(table, width);
  const headers = table.columns.map((c) => c.header);
  const headerHeight = rowHeight(doc, headers, widths, true);
  ensureSpace(doc, headerHeight + rowHeight(doc, table.rows[0] ?? [], widths, false));
  drawRow(doc, table, headers, x, widths, true, headerHeight);
  for (const row of table.rows) {
    const height = rowHeight(doc, row, widths, false);
    if (ensureSpace(doc, height)) drawRow(doc, table, headers, x, widths, true, headerHeight);
    drawRow(doc, table, row, x, widths, false, height);
  }
}
