/**
 * Small pdfkit helpers shared by the letter and ticket layouts. Only the standard Helvetica fonts are used:
 * pdfkit encodes them as WinAnsi, which covers Spanish (á é í ó ú ü ñ Ñ ¿ ¡ — and the em dash).
 */
import PDFDocument from 'pdfkit';
import { FONT, FONT_BOLD, flatText, openStandardFonts } from './pdf-fonts.js';
import { imageFor, type PdfImage } from './pdf-image.js';
import { batchOperators, type PageInternals } from './pdf-page-stream.js';
import { heightOfLine, type LineOptions, textLine } from './pdf-text-line.js';

export type Pdf = PDFKit.PDFDocument;

export { FONT, FONT_BOLD } from './pdf-fonts.js';
export { CONTENT_DEFLATE_LEVEL, deflatePage } from './pdf-page-stream.js';

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** pdfkit's document internals the subclass below relies on (pdfkit 0.20, pinned in package.json). */
interface PdfInternals {
  _offset: number;
  version: number;
  _finalize(): void;
  endMetadata(): void;
  _setColorCore(color: unknown, stroke: boolean): boolean;
  addContent(data: unknown): unknown;
}

/**
 * The operators pdfkit writes to set each `#rrggbb` colour, for filling and for stroking: the layouts use a handful of
 * colours, and pdfkit parses the hex and writes each component (a fraction such as 0.26666666666666666) anew each time.
 */
const colorOperators = [new Map<string, string[]>(), new Map<string, string[]>()];
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

const Base = PDFDocument as unknown as new (options: PDFKit.PDFDocumentOptions) => Pdf & PdfInternals;

/**
 * pdfkit's document with its output collected directly.
 *
 * pdfkit is a Readable stream: every line of the file (each object, each cross-reference entry) is converted to bytes
 * by a loop over its characters and pushed through the stream, and every operator of a page (each move, each piece of
 * text, some thirty per line of text) is converted and kept as a separate small array until the page ends. Here the
 * lines are kept as they come and the file is written once into one buffer; a page's operators are joined and
 * converted once when the page ends (pdf-page-stream.ts). The bytes are the same: pdfkit writes each line as latin1
 * (one byte per character, the low byte) followed by a line feed, which is what Buffer's latin1 encoding does.
 */
class CollectedPdf extends Base {
  declare _fxOut: (string | Uint8Array)[] | undefined;
  declare _fxLength: number | undefined;
  declare _fxDone: (() => void) | undefined;

  // pdfkit calls these from its own constructor, before any field of this class could be initialised
  _write(data: string | Uint8Array): void {
    const out = (this._fxOut ??= []);
    out.push(data);
    const length = typeof data === 'string' ? data.length + 1 : data.length;
    this._fxLength = (this._fxLength ?? 0) + length;
    this._offset += length;
  }

  override addPage(options?: PDFKit.PDFDocumentOptions): this {
    super.addPage(options);
    batchOperators(this.page as unknown as PageInternals);
    return this;
  }

  /**
   * pdfkit composes the document's XMP metadata at its end (a few XML strings joined and trimmed) but writes it only
   * into a PDF 1.4 or later; these are PDF 1.3 (pdfkit's default), so it is not composed: nothing of the file changes.
   */
  override endMetadata(): void {
    if (this.version !== 1.3) super.endMetadata();
  }

  /**
   * pdfkit's _setColorCore for a `#rrggbb` colour: its operators (the colour space, then the components) written as
   * pdfkit wrote them the first time. Any other colour (named, spot, gradient, CMYK) goes to pdfkit.
   */
  override _setColorCore(color: unknown, stroke: boolean): boolean {
    if (typeof color !== 'string' || !HEX_COLOR.test(color)) return super._setColorCore(color, stroke);
    const known = colorOperators[stroke ? 1 : 0]!;
    const ops = known.get(color);
    if (ops) {
      for (const op of ops) this.addContent(op);
      return true;
    }
    // (addContent may be another's own wrapper at this moment, a replayed block's recorder: it is put back as it was)
    const self = this as { addContent: (data: unknown) => unknown };
    const written: unknown[] = [];
    const own = Object.hasOwn(self, 'addContent');
    const addContent = self.addContent;
    self.addContent = function (this: unknown, data: unknown) {
      written.push(data);
      return addContent.call(this, data);
    };
    let set: boolean;
    try {
      set = super._setColorCore(color, stroke);
    } finally {
      if (own) self.addContent = addContent;
      else delete (self as { addContent?: unknown }).addContent;
    }
    if (set && known.size < 64 && written.every((op) => typeof op === 'string')) {
      known.set(color, (written as string[]).map(flatText));
    }
    return set;
  }

  _finalize(): void {
    super._finalize();
    this._fxDone?.();
  }

  /** The whole file, in a buffer of its own (handed to another thread without a copy). */
  bytes(): Buffer {
    const out = Buffer.allocUnsafeSlow(this._fxLength ?? 0);
    let at = 0;
    for (const chunk of this._fxOut ?? []) {
      if (typeof chunk === 'string') {
        at += out.write(chunk, at, 'latin1');
        out[at++] = 0x0a;
      } else {
        out.set(chunk, at);
        at += chunk.length;
      }
    }
    this._fxOut = [];
    return out;
  }
}

export function createPdf(size: [number, number], margins: Margins, title: string): Pdf {
  const doc = new CollectedPdf({
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
    if (!(doc instanceof CollectedPdf)) {
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.end();
      return;
    }
    doc.on('error', reject);
    doc._fxDone = () => resolve(doc.bytes());
    try {
      doc.end();
    } catch (err) {
      reject(err);
    }
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
function stampText(doc: Pdf, text: string, x: number, y: number, options: LineOptions): void {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  textLine(doc, text, x, y, options);
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
    const textHeight = heightOfLine(doc, text, footerWidth);
    const y = Math.min(height - margins.bottom + (margins.bottom - textHeight) / 2, height - textHeight - 1);
    stampText(doc, text, margins.left, y, { width: footerWidth, align: 'center' });
  }
  doc.fillColor('#000000');
}
