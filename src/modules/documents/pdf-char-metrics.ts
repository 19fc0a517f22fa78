/** A standard face's glyph widths, kerning and encoded texts per UTF-16 code unit, filled from pdfkit's metrics. */
import { contentNumber, flatText } from './pdf-content.js';

/** pdfkit's parsed AFM metrics (AFMFont): what the tables below are filled from. */
export interface AfmFont {
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
export class CharMetrics {
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
