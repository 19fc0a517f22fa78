/**
 * The standard Helvetica faces with their metrics parsed once per process.
 *
 * pdfkit builds a font object for every document that opens a standard font, and building one parses the face's
 * AFM metrics again: glyph widths and the kerning table, some 2,700 pairs for Helvetica. That was the largest single
 * cost of a PDF (≈ 0.6 ms of a ≈ 4 ms letter). The metrics never change, so one face is parsed here once (pdfkit's own
 * code, in a scratch document) and each document gets a copy of it carrying that document's own id and PDF object:
 * the parsed tables are shared read-only, exactly as pdfkit would have rebuilt them.
 *
 * This relies on the shape of pdfkit's standard fonts (the version is pinned in package.json). Should a pdfkit update
 * give a face any own field beyond the ones listed below (per-document state this copy would not reset), or move the
 * document's font table, documents fall back to pdfkit opening its fonts as before: slower, never wrong.
 */
import PDFDocument from 'pdfkit';

type Pdf = PDFKit.PDFDocument;

/** The own fields of a freshly opened standard font in pdfkit 0.20 (set by its constructor). */
const FONT_FIELDS = new Set([
  'document',
  'name',
  'id',
  'font',
  'ascender',
  'descender',
  'bbox',
  'lineGap',
  'xHeight',
  'capHeight',
]);

/** The document's font table and counter (pdfkit's FontsMixin), where `doc.font(name)` finds a face it opened. */
interface FontTable {
  _fontFamilies: Record<string, object>;
  _fontCount: number;
}

const parsed = new Map<string, object | null>();

/** The face as pdfkit opens it, parsed once; null when its shape is not the one this module knows. */
function parsedFace(name: string): object | null {
  let face = parsed.get(name);
  if (face === undefined) {
    const scratch = new PDFDocument({ font: name, autoFirstPage: false }) as unknown as { _font?: object };
    const candidate = scratch._font;
    const known =
      candidate !== undefined &&
      candidate !== null &&
      Object.keys(candidate).every((k) => FONT_FIELDS.has(k)) &&
      typeof (candidate as { font?: unknown }).font === 'object';
    face = known ? candidate : null;
    parsed.set(name, face);
  }
  return face;
}

function hasFontTable(doc: object): doc is FontTable {
  const t = doc as Partial<FontTable>;
  return typeof t._fontFamilies === 'object' && t._fontFamilies !== null && typeof t._fontCount === 'number';
}

/**
 * Opens `faces` on a document created without a default font (`font: null`), in order — the first is the current
 * font afterwards, as pdfkit's default font would be. Each gets the next font id (F1, F2…), as when pdfkit opens them.
 */
export function openStandardFonts(doc: Pdf, faces: readonly string[]): void {
  for (const name of faces) {
    const face = parsedFace(name);
    if (!face || !hasFontTable(doc) || doc._fontFamilies[name]) {
      doc.font(name);
      continue;
    }
    const copy = Object.assign(Object.create(Object.getPrototypeOf(face) as object) as object, face, {
      document: doc,
      id: `F${++doc._fontCount}`,
    });
    doc._fontFamilies[name] = copy;
  }
  if (faces[0]) doc.font(faces[0]);
}
