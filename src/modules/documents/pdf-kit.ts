/**
 * Small pdfkit helpers shared by the letter and ticket layouts. Only the standard Helvetica fonts are used:
 * pdfkit encodes them as WinAnsi, which covers Spanish (á é í ó ú ü ñ Ñ ¿ ¡ — and the em dash).
 */
import PDFDocument from 'pdfkit';
import { openStandardFonts } from './pdf-fonts.js';
import { imageFor, type PdfImage } from './pdf-image.js';

export type Pdf = PDFKit.PDFDocument;

export const FONT = 'Helvetica';
export const FONT_BOLD = 'Helvetica-Bold';

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function createPdf(size: [number, number], margins: Margins, title: string): Pdf {
  const doc = new PDFDocument({
    size,
    margins,
    bufferPages: true, // footers and watermarks are stamped on every page after layout
    info: { Title: title, Creator: 'FacturaXpress', Producer: 'FacturaXpress' },
    // no default font: the two faces are opened below with their metrics parsed once per process (pdf-fonts.ts)
    font: null as unknown as string,
  });
  openStandardFonts(doc, [FONT, FONT_BOLD]);
  return doc;
}

/** Ends the document and collects its bytes. */
export function finish(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export function contentBottom(doc: Pdf): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page when `height` points do not fit below `doc.y`. Returns true when it did. */
export function ensureSpace(doc: Pdf, height: number): boolean {
  if (doc.y + height <= contentBottom(doc)) return false;
  doc.addPage();
  doc.y = doc.page.margins.top;
  return true;
}

/** Draws a prepared image (the logo) inside the box `fit`, vertically centred. */
export function drawLogo(
  doc: Pdf,
  logo: PdfImage,
  x: number,
  y: number,
  fit: [number, number],
  align: 'left' | 'center',
): void {
  // pdfkit takes an image object it did not open when it has a size, a name and embed() (see pdf-image.ts)
  const image = imageFor(doc, logo) as unknown as PDFKit.Mixins.ImageSrc;
  doc.image(image, x, y, { fit, valign: 'center', ...(align === 'center' ? { align } : {}) });
}

/** Writes text at an absolute position without letting pdfkit open a page (footers live in the margin). */
function stampText(doc: Pdf, text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions): void {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.text(text, x, y, options);
  doc.page.margins.bottom = bottom;
}

/** The diagonal status mark (ANULADO / RECHAZADO) and "página i de n" on every buffered page. */
export function stampPages(doc: Pdf, footer: string, watermark: string | null, fontSize: number): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const { width, height, margins } = doc.page;
    if (watermark) {
      const size = Math.min((width * 0.9) / (watermark.length * 0.75), 110);
      doc.save();
      doc.rotate(-35, { origin: [width / 2, Math.min(height / 2, 400)] });
      doc.font(FONT_BOLD).fontSize(size).fillColor('#c00000').fillOpacity(0.22);
      stampText(doc, watermark, 0, Math.min(height / 2, 400) - size / 2, { width, align: 'center' });
      doc.restore();
      doc.fillOpacity(1);
    }
    doc.font(FONT).fontSize(fontSize).fillColor('#555555');
    const pageNote = range.count > 1 ? `Página ${i - range.start + 1} de ${range.count} · ` : '';
    const text = `${pageNote}${footer}`;
    const footerWidth = width - margins.left - margins.right;
    // centred in the bottom margin; never below the page edge, or pdfkit would open another page
    const textHeight = doc.heightOfString(text, { width: footerWidth });
    const y = Math.min(height - margins.bottom + (margins.bottom - textHeight) / 2, height - textHeight - 1);
    stampText(doc, text, margins.left, y, { width: footerWidth, align: 'center' });
  }
  doc.fillColor('#000000');
}

/** `Label: value` on one line, or the value on its own line when both do not fit (keeps codes unbroken). */
export function labelled(doc: Pdf, label: string, value: string, x: number, width: number, size: number): void {
  doc.font(FONT_BOLD).fontSize(size);
  const labelWidth = doc.widthOfString(`${label}: `);
  doc.font(FONT);
  const fits = labelWidth + doc.widthOfString(value) <= width;
  doc.font(FONT_BOLD).text(`${label}:${fits ? ' ' : ''}`, x, doc.y + 1, { width, continued: fits });
  if (fits) doc.font(FONT).text(value);
  else doc.font(FONT).text(value, x, doc.y, { width });
}
