/**
 * One-line texts drawn without pdfkit's line wrapper: when a text certainly fits its line, its operators are written
 * directly, the same ones pdfkit's own text() writes for it (test/documents/pdf-text-line.test.ts compares the bytes);
 * anything else goes through pdfkit. Also `Label: value` lines drawn the same way.
 */
import * as pdfkit from 'pdfkit';
import { contentNumber, FONT, FONT_BOLD } from './pdf-fonts.js';

type Pdf = PDFKit.PDFDocument;

/** pdfkit's text state the fast path below reads (pdfkit 0.20). */
interface TextInternals {
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

/** A page's fonts as pdfkit records them (resources of the page). */
interface PageFonts {
  fonts: Record<string, unknown>;
}

/**
 * One line of text as pdfkit's _fragment draws it with no spacing, scaling, decoration or baseline option: the same
 * operators in the same order (its save, flip of the page's coordinates, text object and restore; the current
 * transformation is back where it was afterwards, as after pdfkit's save/restore).
 */
function drawFragment(
  doc: Pdf,
  text: string,
  x: number,
  y: number,
  align: 'left' | 'right' | 'center',
  lineWidth: number,
  textWidth: number,
): void {
  const t = doc as unknown as TextInternals;
  const font = t._font;
  if (align === 'right') x += lineWidth - doc.widthOfString(text.replace(/\s+$/, ''));
  else if (align === 'center') x += lineWidth / 2 - textWidth / 2;
  const height = doc.page.height;
  const baseline = height - y - (font.ascender / 1000) * t._fontSize;
  const fonts = (doc.page as unknown as PageFonts).fonts;
  if (fonts[font.id] == null) fonts[font.id] = font.ref();
  // the eight operators as one piece of content (pdfkit separates each with a line feed)
  doc.addContent(
    `q\n1 0 0 -1 0 ${contentNumber(height)} cm\nBT\n1 0 0 1 ${contentNumber(x)} ${contentNumber(baseline)} Tm\n` +
      `/${font.id} ${contentNumber(t._fontSize)} Tf\n${font.fxShowText!(text)} TJ\nET\nQ`,
  );
}

/** pdfkit's PDFNumber: a number as the nearest float32 not above it (how it rounds the bottom of a page). */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function pdfNumber(n: number): number {
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
const SPACE_BROKEN =
  /^[A-Za-z0-9 #&*@_=<>^`~\u00a6-\u00a9\u00ab\u00ac\u00ae\u00af\u00b2\u00b3\u00b5-\u00be\u00c0-\u00ff]+$/;

/** pdfkit's words of a SPACE_BROKEN text: each run of non-spaces with the spaces after it. */
function spaceWords(text: string): string[] {
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
function wrappedWordsWidth(doc: Pdf, text: string): number | null {
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
function certainlyOneLine(
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
function boundFits(doc: Pdf, text: string, width: number): boolean {
  const t = doc as unknown as TextInternals;
  return plainText(doc, text) && t._font.fxWidthBound!(text, t._fontSize) <= width - 0.001;
}

/**
 * pdfkit's lines of a text that wraps (an address, a notice): its words put on lines as its line wrapper puts them
 * (each word on the line while it fits what the words before it left, else it starts the next line), with the sum of
 * each line's word widths. Null for anything that wrapper would do otherwise: a word wider than a whole line (split
 * by characters), a line break or soft hyphen in the text, or text state this module does not draw.
 */
function wrappedLines(doc: Pdf, text: string, lineWidth: number): { lines: string[]; widths: number[] } | null {
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

/**
 * `doc.text(text, x, y, options)` for a text of several lines that all fit on the page: each line drawn as pdfkit
 * draws it (the same operators, positions and cursor afterwards). False, with nothing drawn, when pdfkit would do
 * anything else (open a page, split a word).
 */
function wrappedText(doc: Pdf, text: string, x: number, y: number, options: LineOptions): boolean {
  const t = doc as unknown as TextInternals;
  const lineWidth = (Math.max(options.width, 0) * 100) / 100;
  const wrapped = wrappedLines(doc, text, lineWidth);
  if (!wrapped) return false;
  const { lines, widths } = wrapped;
  const lineHeight = doc.currentLineHeight(true);
  const step = lineHeight + (t._lineGap || 0);
  const maxY = pdfNumber(doc.page.height - doc.page.margins.bottom);
  if (y > maxY || y + lineHeight > maxY) return false;
  // pdfkit opens a page when the line after one it drew would end below the page's bottom
  let at = y;
  for (let i = 0; i + 1 < lines.length; i += 1) {
    at += step;
    if (pdfNumber(at + lineHeight) > maxY) return false;
  }
  const align = options.align ?? 'left';
  doc.x = x;
  doc.y = y;
  for (let i = 0; i < lines.length; i += 1) {
    drawFragment(doc, lines[i]!, x, doc.y, align, lineWidth, widths[i]!);
    doc.y += doc.currentLineHeight(true) + (t._lineGap || 0);
  }
  doc.x = x;
  return true;
}

export interface LineOptions {
  width: number;
  align?: 'left' | 'right' | 'center';
}

/**
 * `doc.text(text, x, y, options)` for a text that fits on one line, drawn the way pdfkit draws it (the same operators,
 * positions and cursor afterwards) without its line wrapper: pdfkit measures and breaks every text word by word, the
 * largest part of a page's cost, for texts that are nearly all a single line (a table cell, a label, an amount). Any
 * text this cannot be sure of (longer, near the width, near the page's end, centred with breaks other than spaces)
 * goes to pdfkit.
 */
export function textLine(doc: Pdf, text: string, x: number, y: number, options: LineOptions): Pdf {
  const t = doc as unknown as TextInternals;
  const align = options.align ?? 'left';
  if (!boundFits(doc, text, options.width)) {
    // near the edge or longer: laid out word by word as pdfkit's wrapper lays it out (one line or several)
    if (wrappedText(doc, text, x, y, options)) return doc;
    return doc.text(text, x, y, options);
  }
  const lineHeight = doc.currentLineHeight(true);
  const maxY = pdfNumber(doc.page.height - doc.page.margins.bottom);
  if (y > maxY || y + lineHeight > maxY) return doc.text(text, x, y, options);
  const width = Math.max(options.width, 0);
  // as pdfkit's line wrapper: the line's width and, for a centred line, the sum of its words' widths
  const lineWidth = (width * 100) / 100;
  let textWidth = 0;
  if (align === 'center') {
    if (SPACE_BROKEN.test(text)) for (const word of spaceWords(text)) textWidth += pdfNumber(doc.widthOfString(word));
    else {
      // (a footer's control number and code: hyphens, a middle dot)
      const sum = wrappedWordsWidth(doc, text);
      if (sum === null) return doc.text(text, x, y, options);
      textWidth = sum;
    }
  }
  doc.x = x;
  doc.y = y;
  drawFragment(doc, text, x, y, align, lineWidth, textWidth);
  doc.y += doc.currentLineHeight(true) + (t._lineGap || 0);
  doc.x = x;
  return doc;
}

/** `doc.heightOfString(text, { width })`, without pdfkit's line wrapper for a text that certainly fits one line. */
export function heightOfLine(doc: Pdf, text: string, width: number): number {
  if (!certainlyOneLine(doc, text, width)) return doc.heightOfString(text, { width });
  const y = doc.y;
  return y + (doc.currentLineHeight(true) + ((doc as unknown as TextInternals)._lineGap || 0)) - y;
}

/** pdfkit's width of a one-line text as its line wrapper sums it (word by word), per face and size: labels repeat. */
const wrappedWidths = new Map<string, number>();
function wrappedWidth(doc: Pdf, face: string, size: number, text: string): number {
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

/**
 * The `label: ` in bold and the value after it on the same line, as pdfkit draws `text(label, { continued: true })`
 * then `text(value)` (the value starts where the label's words end, the cursor goes to the next line), for a label
 * and a value that certainly fit; false (nothing drawn) otherwise.
 */
export function labelledLine(doc: Pdf, label: string, value: string, x: number, y: number, width: number): boolean {
  const t = doc as unknown as TextInternals;
  const labelText = `${label}: `;
  const size = t._fontSize;
  doc.font(FONT_BOLD);
  if (!value || !certainlyOneLine(doc, labelText, width)) return false;
  const boldHeight = doc.currentLineHeight(true);
  const labelWidth = wrappedWidth(doc, FONT_BOLD, size, labelText);
  const lineWidth = (Math.max(width, 0) * 100) / 100;
  const rest = lineWidth - labelWidth;
  doc.font(FONT);
  // (pdfkit continues on the label's line with the room the label's words left: `rest`)
  if (!certainlyOneLine(doc, value, rest, rest)) return false;
  const regularHeight = doc.currentLineHeight(true);
  const maxY = pdfNumber(doc.page.height - doc.page.margins.bottom);
  if (y > maxY || y + boldHeight > maxY || y + regularHeight > maxY) return false;
  drawFragment(doc.font(FONT_BOLD), labelText, x, y, 'left', lineWidth, labelWidth);
  drawFragment(doc.font(FONT), value, x + labelWidth, y, 'left', rest, 0);
  doc.y = y + regularHeight + (t._lineGap || 0);
  doc.x = x;
  return true;
}

/** `Label: value` on one line, or the value on its own line when both do not fit (keeps codes unbroken). */
export function labelled(doc: Pdf, label: string, value: string, x: number, width: number, size: number): void {
  doc.font(FONT_BOLD).fontSize(size);
  const labelWidth = doc.widthOfString(`${label}: `);
  doc.font(FONT);
  const fits = labelWidth + doc.widthOfString(value) <= width;
  const y = doc.y + 1;
  if (fits && labelledLine(doc, label, value, x, y, width)) return;
  if (fits) {
    doc.font(FONT_BOLD).text(`${label}: `, x, y, { width, continued: true });
    doc.font(FONT).text(value);
    return;
  }
  textLine(doc.font(FONT_BOLD), `${label}:`, x, y, { width });
  textLine(doc.font(FONT), value, x, doc.y, { width });
}
