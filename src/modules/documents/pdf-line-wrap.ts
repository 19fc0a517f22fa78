/**
 * pdfkit's line wrapper as the fast paths of pdf-text-line.ts need it, reproduced: its words and their widths, whether
 * a text certainly takes one line, and the lines of a text that wraps.
 */
import * as pdfkit from 'pdfkit';

export type Pdf = PDFKit.PDFDocument;

/** pdfkit's text state the fast paths read (pdfkit 0.20). */
export interface TextInternals {
  _wrapper: unknown;
  _textOptions: unknown;
  _lineGap: number;
  _fontSize: number;
  _font: {
    id: string;
    ascender: number;
    ref(): unknown;
    fxWidthBound?: (text: string, size: number) => number;
    fxShowText?: (text: string) => string;
  };
}

/** pdfkit's PDFNumber: a number as the nearest float32 not above it (how it rounds the bottom of a page). */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
export function pdfNumber(n: number): number {
  const rounded = Math.fround(n);
  if (rounded <= n) return rounded;
  f32[0] = n;
  if (n <= 0) u32[0]! += 1;
  else u32[0]! -= 1;
  return f32[0]!;
}

/** Whether a character ends a line in pdfkit (line feeds, page or line separators) or changes a word's width. */
function lineBreaking(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x85 || c === 0xad || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}
/**
 * Texts whose only line-break opportunities (Unicode line breaking, as pdfkit applies it) are after runs of spaces:
 * letters, digits and a few signs of the Latin-1 range that never break a line (checked against pdfkit's line breaker
 * for every pair and triple of them).
 */
export const SPACE_BROKEN =
  /^[A-Za-z0-9 #&*@_=<>^`~\u00a6-\u00a9\u00ab\u00ac\u00ae\u00af\u00b2\u00b3\u00b5-\u00be\u00c0-\u00ff]+$/;

/** pdfkit's words of a SPACE_BROKEN text: each run of non-spaces with the spaces after it. */
export function spaceWords(text: string): string[] {
  const words: string[] = [];
  let start = 0;
  for (let i = 1; i < text.length; i += 1) {
    if (text.charCodeAt(i - 1) === 0x20 && text.charCodeAt(i) !== 0x20) {
      words.push(text.slice(start, i));
      start = i;
    }
  }
  words.push(text.slice(start));
  return words;
}

/** pdfkit's line wrapper's word loop (pdfkit 0.20 exports the class; its typings do not declare it). */
type EachWord = (this: object, text: string, fn: (word: string, width: number) => unknown) => void;
const eachWord = (pdfkit as unknown as { LineWrapper?: { prototype?: { eachWord?: unknown } } }).LineWrapper?.prototype
  ?.eachWord as EachWord | undefined;

/**
 * pdfkit's words of `text`, each with its width as pdfkit's line wrapper measures a word, given to `fn` until it
 * returns false (its eachWord on a line as wide as anything, so no word is split here). False, with `fn` never called,
 * when pdfkit's wrapper is not the one known here.
 */
function pdfWords(doc: Pdf, text: string, fn: (word: string, width: number) => unknown): boolean {
  if (typeof eachWord !== 'function') return false;
  const wrapper = {
    lineWidth: Number.POSITIVE_INFINITY,
    spaceLeft: Number.POSITIVE_INFINITY,
    continuedX: 0,
    wordWidth: (word: string) => pdfNumber(doc.widthOfString(word)),
  };
  eachWord.call(wrapper, text, fn);
  return true;
}

/**
 * The sum of the widths of pdfkit's words of a one-line text (what a centred line is centred by): the words split
 * where pdfkit's own line wrapper splits them (its eachWord, with its Unicode line breaker: after a hyphen before a
 * letter, for instance), each measured as it measures a word. Null when pdfkit's wrapper is not the one known here.
 */
export function wrappedWordsWidth(doc: Pdf, text: string): number | null {
  let sum = 0;
  // (the text certainly fits its real line: no word of it is split there either)
  const known = pdfWords(doc, text, (_word, width) => {
    sum += width;
  });
  return known ? sum : null;
}

/**
 * Whether pdfkit's line wrapper puts `text` on one line with `space` points of room, as it decides it: word by word
 * (its words, each measured as it measures a word), each word fitting what the ones before it left.
 */
function fitsWordByWord(doc: Pdf, text: string, space: number): boolean {
  let left = space;
  let fits = true;
  const known = pdfWords(doc, text, (_word, width) => {
    if (width > left) {
      fits = false;
      return false;
    }
    left -= width;
    return true;
  });
  return known && fits;
}

/**
 * Whether `text` certainly takes one line of `width` in pdfkit (`space`: the room its line wrapper has on that line).
 * First its width with no negative kerning (pdfkit measures word by word, which drops the kerning across words and can
 * only make the text wider by that): nearly every text fits by that. A text close to the edge (a sello, a long code)
 * is then measured as pdfkit's wrapper measures it.
 */
export function certainlyOneLine(
  doc: Pdf,
  text: string,
  width: number,
  space: number = (Math.max(width, 0) * 100) / 100,
): boolean {
  if (boundFits(doc, text, width)) return true;
  return plainText(doc, text) && fitsWordByWord(doc, text, space);
}

/** Whether this module draws `text` as pdfkit would (no line break or soft hyphen in it, no text state it skips). */
function plainText(doc: Pdf, text: string): boolean {
  const t = doc as unknown as TextInternals;
  return (
    !!text &&
    typeof t._font.fxWidthBound === 'function' &&
    typeof t._font.fxShowText === 'function' &&
    !t._wrapper &&
    !t._textOptions &&
    !lineBreaking(text)
  );
}

/** Whether `text` fits `width` by its width with no negative kerning (see certainlyOneLine). */
export function boundFits(doc: Pdf, text: string, width: number): boolean {
  const t = doc as unknown as TextInternals;
  return plainText(doc, text) && t._font.fxWidthBound!(text, t._fontSize) <= width - 0.001;
}

/**
 * pdfkit's lines of a text that wraps (an address, a notice): its words put on lines as its line wrapper puts them
 * (each word on the line while it fits what the words before it left, else it starts the next line), with the sum of
 * each line's word widths. Null for anything that wrapper would do otherwise: a word wider than a whole line (split
 * by characters), a line break or soft hyphen in the text, or text state this module does not draw.
 */
export function wrappedLines(doc: Pdf, text: string, lineWidth: number): { lines: string[]; widths: number[] } | null {
  if (!plainText(doc, text)) return null;
  const lines: string[] = [];
  const widths: number[] = [];
  let line = '';
  let lineSum = 0;
  let words = 0;
  let spaceLeft = lineWidth;
  let plain = true;
  const known = pdfWords(doc, text, (word, width) => {
    if (width > lineWidth) {
      plain = false;
      return false;
    }
    if (width <= spaceLeft) {
      line += word;
      lineSum += width;
      words += 1;
      spaceLeft -= width;
      return true;
    }
    lines.push(line);
    widths.push(lineSum);
    spaceLeft = lineWidth - width;
    line = word;
    lineSum = width;
    words = 1;
    return true;
  });
  if (!known || !plain) return null;
  if (words > 0) {
    lines.push(line);
    widths.push(lineSum);
  }
  return { lines, widths };
}

/** pdfkit's width of a one-line text as its line wrapper sums it (word by word), per face and size: labels repeat. */
const wrappedWidths = new Map<string, number>();
export function wrappedWidth(doc: Pdf, face: string, size: number, text: string): number {
  const key = `${face}\u0000${size}\u0000${text}`;
  let width = wrappedWidths.get(key);
  if (width === undefined) {
    const bounds = (doc as unknown as { boundsOfString(t: string, o: object): { width: number } }).boundsOfString(
      text,
      {
        width: 1e9,
      },
    );
    width = bounds.width;
    if (wrappedWidths.size < 1024) wrappedWidths.set(key, width);
  }
  return width;
}
