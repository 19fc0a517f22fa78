/**
 * The standard Helvetica faces with their metrics parsed once per process.
 *
 * pdfkit builds a font object for every document that opens a standard font, and building one parses the face's
 * AFM metrics again: glyph widths and the kerning table, some 2,700 pairs for Helvetica. That was the largest single
 * cost of a PDF (≈ 0.6 ms of a ≈ 4 ms letter). The metrics never change, so one face is parsed here once (pdfkit's own
 * code, in a scratch document) and each document gets a copy of it carrying that document's own id and PDF object:
 * the parsed tables are shared read-only, exactly as pdfkit would have rebuilt them. The copy measures and encodes
 * text from per-character tables filled from those metrics (CharMetrics in pdf-char-metrics.ts): the same numbers,
 * fewer lookups.
 *
 * This relies on the shape of pdfkit's standard fonts (the version is pinned in package.json). Should a pdfkit update
 * give a face any own field beyond the ones listed below (per-document state this copy would not reset), or move the
 * document's font table, documents fall back to pdfkit opening its fonts as before: slower, never wrong.
 */
import PDFDocument from 'pdfkit';
import { type AfmFont, CharMetrics } from './pdf-char-metrics.js';

export { contentNumber, flatText } from './pdf-content.js';

type Pdf = PDFKit.PDFDocument;

export const FONT = 'Helvetica';
export const FONT_BOLD = 'Helvetica-Bold';

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

/** A face parsed once, with its per-character tables. */
interface ParsedFace {
  face: object;
  metrics: CharMetrics;
}

const parsed = new Map<string, ParsedFace | null>();

/** The face as pdfkit opens it, parsed once; null when its shape is not the one this module knows. */
function parsedFace(name: string): ParsedFace | null {
  let face = parsed.get(name);
  if (face === undefined) {
    const scratch = new PDFDocument({ font: name, autoFirstPage: false }) as unknown as { _font?: object };
    const candidate = scratch._font as { font?: Partial<AfmFont> } | undefined;
    const afm = candidate?.font;
    const known =
      candidate !== undefined &&
      candidate !== null &&
      Object.keys(candidate).every((k) => FONT_FIELDS.has(k)) &&
      typeof afm === 'object' &&
      typeof afm.encodeText === 'function' &&
      typeof afm.characterToGlyph === 'function' &&
      typeof afm.widthOfGlyph === 'function' &&
      typeof afm.getKernPair === 'function';
    face = known ? { face: candidate, metrics: new CharMetrics(afm as AfmFont) } : null;
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
    const parsedFont = parsedFace(name);
    if (!parsedFont || !hasFontTable(doc) || doc._fontFamilies[name]) {
      doc.font(name);
      continue;
    }
    const { face, metrics } = parsedFont;
    const copy = Object.assign(Object.create(Object.getPrototypeOf(face) as object) as object, face, {
      document: doc,
      id: `F${++doc._fontCount}`,
      widthOfString: (string: string, size: number) => metrics.widthOfString(string, size),
      encode: (text: string) => metrics.encode(text),
      fxWidthBound: (text: string, size: number) => metrics.widthBound(text, size),
      fxShowText: (text: string) => metrics.showText(text),
    });
    doc._fontFamilies[name] = copy;
  }
  if (faces[0]) doc.font(faces[0]);
}
