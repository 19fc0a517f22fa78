/**
 * The standard Helvetica faces with their metrics parsed once per process.
 *
 * pdfkit builds a font object for every document that opens a standard font, and building one parses the face's
 * AFM metrics again: glyph widths and the kerning table, some 2,700 pairs for Helvetica. That was the largest single
 * cost of a PDF (≈ 0.6 ms of a ≈ 4 ms letter). The metrics never change, so one face is parsed here once (pdfkit's own
 * code, in a scratch document) and each document gets a copy of it carrying that document's own id and PDF object:
 * the parsed tables are shared read-only, exactly as pdfkit would have rebuilt them. The copy measures and encodes
 * text from per-character tables filled from those metrics (CharMetrics below): the same numbers, fewer lookups.
 *
 * This relies on the shape of pdfkit's standard fonts (the version is pinned in package.json). Should a pdfkit update
 * give a face any own field beyond the ones listed below (per-document state this copy would not reset), or move the
 * document's font table, documents fall back to pdfkit opening its fonts as before: slower, never wrong.
 */
import PDFDocument from 'pdfkit';

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

/** pdfkit's parsed AFM metrics (AFMFont): what the tables below are filled from. */
interface AfmFont {
  encodeText(text: string): string[];
  characterToGlyph(charCode: number): string;
  widthOfGlyph(glyph: string): number;
  getKernPair(left: string, right: string | undefined): number;
}

/** Glyph position as pdfkit's StandardFont.encode returns it. */
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** How many texts' TJ operands a face keeps (a few hundred bytes each at most). */
const MAX_SHOWN = 4096;

/**
 * The face's metrics per UTF-16 code unit, filled from pdfkit's AFM tables on first use. pdfkit looks a character's
 * glyph name up, then its width, then the kerning pair by a key string built for each pair of every word measured:
 * with the fonts shared, that was a fifth of a PDF's time. The numbers are pdfkit's own (integers, summed in the same
 * order), so widths, positions and the PDF are exactly what pdfkit computes.
 */
class CharMetrics {
  /** Code unit → glyph number + 1, 0 until met (glyphs numbered as met; a face has a few hundred). */
  private readonly glyphOf = new Uint16Array(0x10000);
  private readonly names: string[] = [];
  private readonly numberOf = new Map<string, number>();
  private readonly widths: number[] = [];
  private readonly hex = new Map<number, string>();
  /** Kerning of the glyph pair (left * 4096 + right), for the pairs met so far. */
  private readonly kerns = new Map<number, number>();
  /** The same for the first 128 glyphs met (all a Spanish text uses), NaN until met: an array read, not a Map's. */
  private readonly smallKerns = new Float64Array(128 * 128).fill(Number.NaN);
  private readonly lastKerns: (number | undefined)[] = [];
  /**
   * showText's operand per text, for the texts met first (labels, headings, the emisor: they repeat in every
   * document). A function of the text and the face alone.
   */
  private readonly shown = new Map<string, string>();
  /**
   * The sums widthOfString and widthBound scale, per text, for the texts met first: a document measures most of its
   * texts two or three times (the height of a table's row, then each cell as drawn; a label's fit, then the label) and
   * most of them (labels, headings, amounts) again in the next document. Integers in thousandths of the size, scaled
   * by the same expressions as before, so every width is the number it was.
   */
  private readonly advanceSums = new Map<string, number>();
  private readonly boundSums = new Map<string, number>();

  constructor(private readonly afm: AfmFont) {}

  private glyph(code: number): number {
    const known = this.glyphOf[code]!;
    if (known !== 0) return known - 1;
    const name = this.afm.characterToGlyph(code);
    let g = this.numberOf.get(name);
    if (g === undefined) {
      g = this.names.length;
      this.names.push(name);
      this.numberOf.set(name, g);
      this.widths.push(this.afm.widthOfGlyph(name));
    }
    this.glyphOf[code] = g + 1;
    return g;
  }

  width(code: number): number {
    return this.widths[this.glyph(code)]!;
  }

  /** The kerning between glyphs `left` and `right` (`right` −1: after the last character). */
  private kern(left: number, right: number): number {
    if (right < 0) {
      // pdfkit asks for the pair (last glyph, undefined) too: the same lookup, remembered as a pair of its own
      let last = this.lastKerns[left];
      if (last === undefined) {
        last = this.afm.getKernPair(this.names[left]!, undefined);
        this.lastKerns[left] = last;
      }
      return last;
    }
    if (left < 128 && right < 128) {
      let kern = this.smallKerns[left * 128 + right]!;
      if (Number.isNaN(kern)) {
        kern = this.afm.getKernPair(this.names[left]!, this.names[right]!);
        this.smallKerns[left * 128 + right] = kern;
      }
      return kern;
    }
    const pair = left * 4096 + right;
    let kern = this.kerns.get(pair);
    if (kern === undefined) {
      kern = this.afm.getKernPair(this.names[left]!, this.names[right]!);
      this.kerns.set(pair, kern);
    }
    return kern;
  }

  /** The advance of `text[i]`: its width plus its kerning with the next character (none after the last). */
  advance(text: string, i: number): number {
    const left = this.glyph(text.charCodeAt(i));
    const right = i + 1 < text.length ? this.glyph(text.charCodeAt(i + 1)) : -1;
    return this.widths[left]! + this.kern(left, right);
  }

  /** pdfkit's StandardFont.widthOfString. */
  widthOfString(string: string, size: number): number {
    const text = `${string}`;
    let width = this.advanceSums.get(text);
    if (width === undefined) {
      width = 0;
      for (let i = 0; i < text.length; i += 1) width += this.advance(text, i);
      if (this.advanceSums.size < MAX_SHOWN) this.advanceSums.set(text, width);
    }
    const scale = size / 1000;
    return width * scale;
  }

  /**
   * At least the width pdfkit's line wrapping gives `string` however it splits it into words: the glyphs' widths and
   * only the positive kerning between them (a pair split across two words loses its kerning, which here is mostly
   * negative: a space before a capital).
   */
  widthBound(string: string, size: number): number {
    const n = string.length;
    if (n === 0) return 0;
    const known = this.boundSums.get(string);
    if (known !== undefined) return (known * size) / 1000;
    let width = 0;
    let left = this.glyph(string.charCodeAt(0));
    for (let i = 0; i < n; i += 1) {
      const right = i + 1 < n ? this.glyph(string.charCodeAt(i + 1)) : -1;
      const kern = this.kern(left, right);
      // Math.max(advance, glyph width) of each character, as summed before
      width += kern > 0 ? this.widths[left]! + kern : this.widths[left]!;
      left = right;
    }
    if (this.boundSums.size < MAX_SHOWN) this.boundSums.set(string, width);
    return (width * size) / 1000;
  }

  private hexOf(code: number): string {
    let h = this.hex.get(code);
    if (h === undefined) {
      h = this.afm.encodeText(String.fromCharCode(code))[0]!;
      this.hex.set(code, h);
    }
    return h;
  }

  /**
   * The operand of the TJ operator pdfkit writes for `text` (its _fragment, with no spacing options): the characters'
   * codes in hex, in runs ended after each kerned character, each run followed by the kerning negated.
   */
  showText(text: string): string {
    let shown = this.shown.get(text);
    if (shown === undefined) {
      shown = this.composeShowText(text);
      if (this.shown.size < MAX_SHOWN) this.shown.set(text, (shown = flatText(shown)));
    }
    return shown;
  }

  private composeShowText(text: string): string {
    let out = '';
    let run = '';
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      run += this.hexOf(code);
      const kern = this.advance(text, i) - this.width(code);
      if (kern !== 0 || i === text.length - 1) {
        out += `${out ? ' ' : ''}<${run}> ${contentNumber(-kern)}`;
        run = '';
      }
    }
    return `[${out}]`;
  }

  /** pdfkit's StandardFont.encode: the WinAnsi code of each character (hex) and its position. */
  encode(string: string): [string[], Position[]] {
    const text = `${string}`;
    const encoded: string[] = [];
    const positions: Position[] = [];
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      encoded.push(this.hexOf(code));
      const xAdvance = this.advance(text, i);
      positions.push({ xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: this.width(code) });
    }
    return [encoded, positions];
  }
}

/** A character outside latin1 (one byte a character), which flatText leaves as it is. */
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/**
 * A content operator to be kept and written again (into later pages), as one flat string. V8 keeps a string built by
 * concatenation as a tree of its pieces and walks the whole tree each time the string is copied — here each time a
 * page's content is converted to bytes, which with kept operators reached into every one of their trees again. A flat
 * copy of the same characters is walked once; a page's content is written as latin1, so a text with a character beyond
 * it is kept as it is.
 */
export function flatText(text: string): string {
  if (text.length < 16 || BEYOND_LATIN1.test(text)) return text;
  return Buffer.from(text, 'latin1').toString('latin1');
}

/** A number as pdfkit writes it in a content stream (PDFObject.number: rounded to 6 decimals). */
export function contentNumber(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
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
